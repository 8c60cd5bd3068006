"""`handouts audit`: who made which handouts on the staff page, and when (never patient details)."""
from __future__ import annotations

import datetime as dt

import click


@click.command()
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The first day to include (needed unless --verify).")
@click.option("--user", metavar="NAME", help="Only this user's requests.")
@click.option("--clinic", metavar="SLUG", help="Only this clinic's requests.")
@click.option("--verify", is_flag=True,
              help="Check that no line was changed, removed or inserted (each line holds the hash of the one "
                   "before): names the first broken line and exits 1.")
def audit(since: dt.datetime | None, user, clinic, verify) -> None:
    """Summarise the staff page's audit log (the project's instance/audit.jsonl): requests, PDFs and patients
    per user and clinic, and sign-ins. A damaged line is named on standard error and skipped."""
    from handouts import settings
    from handouts.errors import HandoutsError
    from handouts.web.audit import AUDIT_FILE, AuditLog, summary

    log = AuditLog(settings.instance_dir() / AUDIT_FILE)
    if verify:
        checked, unchained, broken = log.verify()
        if broken:
            raise HandoutsError(broken)
        note = f" ({unchained} older line(s) from before the chain, not checked)" if unchained else ""
        click.echo(f"{log.path}: {checked} line(s), chain whole{note}")
        return
    if since is None:
        raise click.UsageError("give --since YYYY-MM-DD (or --verify)")
    bad: list[str] = []
    entries = log.read(since.date(), user, clinic, bad=bad)
    for line in bad:
        click.echo(line, err=True)
    for line in summary(entries):
        click.echo(line)
