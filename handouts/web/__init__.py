"""The staff web page: Flask served by waitress. app.py (the factory), staff.py and auth.py (views), accounts.py,
audit.py, pool.py (what the views share), proxy.py (trusted proxy headers), server.py (serving, logging)."""
from handouts.web.app import create_app

__all__ = ["create_app"]
