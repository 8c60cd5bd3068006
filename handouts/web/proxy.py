"""Headers a reverse proxy sets are believed only when the request comes from that proxy.

From a trusted address, Werkzeug's ProxyFix takes the client address, scheme and host from one hop of
X-Forwarded-For/-Proto/-Host, and the sign-on header (when configured) names the user. From any other
address those headers are dropped before the app sees them, so nobody can claim to be someone else.
"""
from __future__ import annotations

import ipaddress

from werkzeug.middleware.proxy_fix import ProxyFix

VIA_PROXY = "handouts.via_proxy"


class TrustedProxy:
    def __init__(self, app, networks: list, user_header: str | None):
        self.app = app
        self.fixed = ProxyFix(app, x_for=1, x_proto=1, x_host=1, x_port=0, x_prefix=0)
        self.networks = networks
        self.user_key = "HTTP_" + user_header.upper().replace("-", "_") if user_header else None

    def trusted(self, address: str | None) -> bool:
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, environ, start_response):
        if self.networks and self.trusted(environ.get("REMOTE_ADDR")):
            environ[VIA_PROXY] = True
            return self.fixed(environ, start_response)
        for key in [k for k in environ if k.startswith("HTTP_X_FORWARDED_") or k == "HTTP_FORWARDED"]:
            del environ[key]
        if self.user_key:
            environ.pop(self.user_key, None)
        environ[VIA_PROXY] = False
        return self.app(environ, start_response)
