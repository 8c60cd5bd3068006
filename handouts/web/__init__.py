"""The staff web page: a local Flask app served by waitress. See app.py (routes) and server.py (serving, logging)."""
from handouts.web.app import create_app

__all__ = ["create_app"]
