"""`handouts users`: who may sign in to the staff page, and to which clinics."""
from __future__ import annotations

import sys

import click


@click.group()
def users() -> None:
    """Staff accounts for `handouts serve` (kept in the project's instance/users.json, readable by you only)."""


@users.command("add")
@click.argument("name")
@click.option("--clinic", "clinics", multiple=True, metavar="SLUG",
              help="A clinic this user may make handouts for. Repeat for several.")
@click.option("--all-clinics", is_flag=True, help="The user may make handouts for every clinic.")
def add(name, clinics, all_clinics) -> None:
    """Add a user, or set a user's password and clinics again (which ends their open sessions).

    Name the clinics (--clinic SLUG, repeatable) or give --all-clinics: a user is never widened to every
    clinic by leaving the option out. The password is asked for twice (not shown); from a pipe, it is the first
    line of standard input (never an option: options show in the process list and the shell's history)."""
    from handouts import settings
    from handouts.errors import NotFound
    from handouts.web.accounts import Users

    if bool(clinics) == all_clinics:
        raise click.UsageError("name the user's clinics with --clinic SLUG (repeatable), or give --all-clinics")
    known = sorted(p.parent.name for p in settings.clinics_dir().glob("*/clinic.yaml"))
    for slug in clinics:
        if slug not in known:
            raise NotFound(f"--clinic {slug}: no such clinic in {settings.clinics_dir()} (clinics: {', '.join(known)})")
    path = settings.instance_dir() / "users.json"
    Users(path).add(name, read_password(), list(clinics))
    ended = _sessions().end_all(name)
    where = ", ".join(clinics) if clinics else "every clinic"
    click.echo(f"{name} may sign in ({where}); users file: {path}"
               + (f"; {ended} open session(s) ended" if ended else ""), err=True)


@users.command("remove")
@click.argument("name")
def remove(name) -> None:
    """Remove a user and end their open sessions."""
    from handouts import settings
    from handouts.web.accounts import Users

    Users(settings.instance_dir() / "users.json").remove(name)
    ended = _sessions().end_all(name)
    click.echo(f"Removed {name}" + (f"; {ended} open session(s) ended." if ended else "."), err=True)


@users.command("sessions")
@click.option("--end", "end_user", metavar="NAME", help="End every open session of this user.")
def sessions(end_user) -> None:
    """The open sign-in sessions of the staff page: user, since, last used, address."""
    import datetime as dt

    store = _sessions()
    if end_user:
        click.echo(f"Ended {store.end_all(end_user)} session(s) of {end_user}.", err=True)
        return
    for record in store.all():
        since, seen = (dt.datetime.fromtimestamp(record[k], dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ")
                       for k in ("started", "seen"))
        click.echo(f"{record.get('user')}\t{since}\t{seen}\t{record.get('address') or '-'}")


def _sessions():
    from handouts import settings
    from handouts.web.sessions import SESSIONS_FILE, Sessions

    return Sessions(settings.instance_dir() / SESSIONS_FILE)


@users.command("list")
def list_users() -> None:
    """Every user and the clinics they may use."""
    from handouts import settings
    from handouts.web.accounts import Users

    for user in Users(settings.instance_dir() / "users.json").all().values():
        click.echo(f"{user.name}\t{', '.join(user.clinics) or '(every clinic)'}")


def read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password (at least 10 characters)", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")
