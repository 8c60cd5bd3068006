"""MkDocs hook: pages whose text lives in another file of the repository, shown as they are.

README.md (the home page), CONTRIBUTING.md, deploy/README.md and bench/RESULTS.md are read where they are (beside
the code they describe; bench/run.py rewrites RESULTS.md), so the site never holds a copy that could go stale.
Links between them are written for the repository (`docs/clinics.md`, `CONTRIBUTING.md`) and point to the
site's pages here.
"""

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# page of the site -> the repository file it shows
INCLUDED_FILES = {
    "index.md": "README.md",
    "contributing.md": "CONTRIBUTING.md",
    "deploy.md": "deploy/README.md",
    "bench-results.md": "bench/RESULTS.md",
}
SITE_PAGE_OF = {source: page for page, source in INCLUDED_FILES.items()}


def site_link(match: re.Match[str]) -> str:
    target, anchor = match.group(1), match.group(2) or ""
    page = SITE_PAGE_OF.get(target) or target.removeprefix("docs/")
    return f"]({page}{anchor})"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    for page, source in INCLUDED_FILES.items():
        text = (root / source).read_text(encoding="utf-8")
        text = re.sub(r"\]\(([^)#\s]+)(#[^)\s]*)?\)", site_link, text)
        text = text.replace('src="docs/', 'src="')  # pictures in README.md, shown from the site's own folder
        files.append(File.generated(config, page, content=text))
    return files
