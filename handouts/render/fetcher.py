"""WeasyPrint's URL fetcher, limited to known folders: no network, no other file on the machine."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher


class ForbiddenResource(ValueError):
    pass


class FolderFetcher(URLFetcher):
    """Serves `data:` URLs and `file:` URLs inside the allowed folders; refuses everything else.

    Failures stop the rendering (fail_on_errors) instead of silently dropping a logo or a font."""

    def __init__(self, allowed_roots: list[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.roots = [Path(r).resolve() for r in allowed_roots]

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ForbiddenResource(f"{url}: only local files may be used")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ForbiddenResource(f"{url}: outside the allowed folders")
        return super().fetch(url, headers)


def make_fetcher(allowed_roots: list[Path]) -> FolderFetcher:
    return FolderFetcher(allowed_roots)
