"""How one staff server runs: who may sign in, which proxy it trusts, how many render processes."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import HandoutsError

LOOPBACK_NAMES = ("localhost",)
DEFAULT_IDLE_MINUTES = 15.0


@dataclass(frozen=True)
class WebConfig:
    instance: Path                          # users.json, secret.key, lockouts.json, audit.jsonl
    content: str | None = None              # the content file (default: the project's content.yaml)
    trust_user_header: str | None = None    # e.g. X-Remote-User, set by a single-sign-on proxy
    trusted_proxies: tuple[str, ...] = ()   # addresses or networks whose forwarded headers are believed
    # A name from the proxy that is not in the users file: refused, unless the operator chose to let every
    # such name use every clinic (the proxy's own groups then decide who gets in).
    unlisted_users_all_clinics: bool = False
    idle_minutes: float = DEFAULT_IDLE_MINUTES
    render_processes: int = 0               # 0: render in the request thread
    # The only Host names served: a page reached under another name is a DNS-rebinding attempt (a web page
    # elsewhere that renamed itself to this address). `serve` sets the listen address (--allowed-host).
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")

    @property
    def users_file(self) -> Path:
        return self.instance / "users.json"

    @property
    def audit_file(self) -> Path:
        return self.instance / "audit.jsonl"

    def proxy_networks(self) -> list:
        return [parse_network(a) for a in self.trusted_proxies]


def parse_network(text: str):
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        raise HandoutsError(f"--trusted-proxy {text}: not an IP address or network (like 10.0.0.5 or "
                            f"10.0.0.0/24)") from None


def host_name(header: str) -> str:
    """The name in a Host header, without its port: `[::1]:8000` -> `::1`, `Example.org:80` -> `example.org`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def default_hosts(host: str) -> tuple[str, ...]:
    """The listen address itself; a loopback address answers to every loopback name."""
    return ("localhost", "127.0.0.1", "::1") if is_loopback(host) else (host.strip("[]").lower(),)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
