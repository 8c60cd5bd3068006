"""The staff page's fixtures: one real server and one Chromium per test process (tests/helpers/webserver.py)."""
from tests.helpers.webserver import browser, page, server, sized_page

__all__ = ["browser", "page", "server", "sized_page"]
