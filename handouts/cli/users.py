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
              help="A clinic this user may make handouts for. Repeat for several; default: every clinic.")
def add(name, clinics) -> None:
    """Add a user, or set a user's password and clinics again.

    The password is asked for twice (not shown); from a pipe, it is the first line of standard input
    (never an option: options show in the process list and the shell's history)."""
    from handouts import settings
    from handouts.errors import NotFound
    from handouts.web.accounts import Users

    known = sorted(p.parent.name for p in settings.clinics_dir().glob("*/clinic.yaml"))
    for slug in clinics:
        if slug not in known:
            raise NotFound(f"--clinic {slug}: no such clinic in {settings.clinics_dir()} (clinics: {', '.join(known)})")
    path = settings.instance_dir() / "users.json"
    Users(path).add(name, read_password(), list(clinics))
    where = ", ".join(clinics) if clinics else "every clinic"
    click.echo(f"{name} may sign in ({where}); users file: {path}", err=True)


@users.command("remove")
@click.argument("name")
def remove(name) -> None:
    """Remove a user (their open sessions end on their next request)."""
    from handouts import settings
    from handouts.web.accounts import Users

    Users(settings.instance_dir() / "users.json").remove(name)
    click.echo(f"Removed {name}.", err=True)


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
