"""`handouts serve`: the staff web page, with a login (users file or a sign-on proxy's header)."""
from __future__ import annotations

import click

from handouts.cli.options import FiniteRange
from handouts.errors import HandoutsError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs users (`handouts users add`) or "
                   "--trust-user-header.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--content", type=click.Path(dir_okay=False), help="The content file (default: content.yaml).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Request threads (they wait while the render processes work).")
@click.option("--render-processes", type=click.IntRange(min=0), metavar="N",
              help="Processes that make PDFs (default: the number of CPUs; 0: in the request thread).")
@click.option("--trust-user-header", metavar="NAME",
              help="Take the signed-in user from this header (e.g. X-Remote-User), set by a single-sign-on proxy.")
@click.option("--unlisted-users-all-clinics", is_flag=True,
              help="With --trust-user-header: let a name the proxy sends that is not in the users file use every "
                   "clinic (default: refused; add each person with `handouts users add`).")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, metavar="ADDR",
              help="The reverse proxy's address or network: only its X-Forwarded-* and user headers are "
                   "believed. Repeat for several.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A host name the page may be opened under (repeatable); default: the --host address "
                   "(and localhost for a loopback one). Other names are refused (DNS rebinding).")
@click.option("--idle-minutes", default=15.0, show_default=True, type=FiniteRange(min=0.01, max=7 * 24 * 60),
              help="Sign a user out after this many minutes without a request (at most a week).")
def serve(host, port, content, threads, render_processes, trust_user_header, unlisted_users_all_clinics,
          trusted_proxies, allowed_hosts, idle_minutes) -> None:
    """Start the staff web page: fill in a patient's details, preview, download or print; blank handouts;
    a day's schedule.

    Nothing is stored on the server and patient details are never logged; every PDF made is recorded
    (who, when, which handouts, never a patient value) in the project's instance/audit.jsonl.
    """
    from handouts import settings
    from handouts.publish.batch import default_jobs
    from handouts.web.accounts import Users
    from handouts.web.config import WebConfig, default_hosts, is_loopback, parse_network
    from handouts.web.server import serve as run

    if trust_user_header and not trusted_proxies:
        raise click.UsageError("--trust-user-header needs --trusted-proxy ADDR (the proxy that sets the header)")
    for address in trusted_proxies:
        parse_network(address)
    if unlisted_users_all_clinics and not trust_user_header:
        raise click.UsageError("--unlisted-users-all-clinics goes with --trust-user-header")
    config = WebConfig(instance=settings.instance_dir(), content=content, trust_user_header=trust_user_header,
                       unlisted_users_all_clinics=unlisted_users_all_clinics,
                       trusted_proxies=tuple(trusted_proxies), idle_minutes=idle_minutes,
                       allowed_hosts=tuple(allowed_hosts) or default_hosts(host),
                       render_processes=default_jobs() if render_processes is None else render_processes)
    if not is_loopback(host) and not trust_user_header and not Users(config.users_file).all():
        raise HandoutsError(f"refusing to listen on {host}: the page would have no login. Add a user with "
                            f"`handouts users add NAME --clinic SLUG`, or use --trust-user-header NAME --trusted-proxy ADDR")
    if host in ("0.0.0.0", "::", "") and not allowed_hosts:
        raise click.UsageError("listening on every address: name the host names staff use with --allowed-host")
    writable_instance(config.instance)  # after every refusal: a refused start makes nothing
    try:
        run(config, host=host, port=port, threads=threads)
    except OSError as exc:
        raise HandoutsError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def writable_instance(folder) -> None:
    """Sign-ins, sessions, lockouts and the audit log are written there on every sign-in and every PDF: a
    folder the server cannot write is refused at start, not met as a 500 on each request."""
    import tempfile

    from handouts.web.store import private_folder

    try:
        private_folder(folder)
        with tempfile.TemporaryFile(dir=folder):  # the real test: permissions, a read-only mount, quotas
            pass
    except OSError as exc:
        raise HandoutsError(f"{folder}: the instance folder is not writable ({exc.strerror or exc}); the page "
                            f"records sign-ins, sessions and the audit log there (HANDOUTS_INSTANCE moves it)") from None
