"""`handouts audit`: who made which handouts on the staff page, and when (never patient details)."""
from __future__ import annotations

import datetime as dt

import click


@click.command()
@click.option("--since", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The first day to include.")
@click.option("--user", metavar="NAME", help="Only this user's requests.")
@click.option("--clinic", metavar="SLUG", help="Only this clinic's requests.")
def audit(since: dt.datetime, user, clinic) -> None:
    """Summarise the staff page's audit log (the project's instance/audit.jsonl): requests, PDFs and patients
    per user and clinic."""
    from handouts import settings
    from handouts.web.audit import AUDIT_FILE, AuditLog, summary

    entries = AuditLog(settings.instance_dir() / AUDIT_FILE).read(since.date(), user, clinic)
    for line in summary(entries):
        click.echo(line)
