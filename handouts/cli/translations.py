"""`handouts translations ...`: small helpers for translators (status, and stamping reviewed entries)."""
from __future__ import annotations

import click

from handouts.errors import HandoutsError

CONTENT_HELP = "The content file (default: content.yaml in the project); translations/ is next to it."


@click.group()
def translations() -> None:
    """Help for translators: what is missing or stale, and marking updated entries as current."""


def _load(content):
    from pathlib import Path

    from handouts import settings
    from handouts.load import content as content_mod

    return content_mod.load(Path(content) if content else settings.content_file())


def current_hashes(loaded_content) -> dict[str, str]:
    """Every translatable key (`handouts.<slug>` or a block id) -> the hash of its English now."""
    from handouts.load import translations as translation

    out = {}
    for slug, handout in loaded_content.model.handouts.items():
        out[f"handouts.{slug}"] = translation.source_hash(translation.handout_fields(handout))
        for block in handout.blocks:
            fields = translation.source_fields(block)
            if fields:
                out[block.id] = translation.source_hash(fields)
    return out


def _entry(model, key):
    return model.handouts.get(key.split(".", 1)[1]) if key.startswith("handouts.") else model.blocks.get(key)


def _loc(key):
    return ("handouts", key.split(".", 1)[1], "source") if key.startswith("handouts.") else ("blocks", key, "source")


@translations.command()
@click.option("--content", type=click.Path(dir_okay=False), help=CONTENT_HELP)
def status(content) -> None:
    """For each language: entries and ui words missing, stale (English changed since), and the review status."""
    from handouts.load import translations as translation

    loaded = _load(content)
    now = current_hashes(loaded)
    for lang, tr in sorted(loaded.translations.items()):
        missing = [k for k in now if _entry(tr.model, k) is None]
        stale = [k for k in now if _entry(tr.model, k) is not None and _entry(tr.model, k).source != now[k]]
        click.echo(f"{lang} ({tr.model.language_name}): {len(now) - len(missing)}/{len(now)} translated, "
                   f"{len(stale)} stale, review: {tr.model.review.status}")
        for key in missing:
            click.echo(f"  missing  {key}  (source: {now[key]})")
        for key in translation.UI_KEYS:  # the words the templates print around the content
            if getattr(tr.model.ui, key) is None:
                click.echo(f"  missing  ui.{key}  (English: {getattr(translation.ENGLISH_UI, key)!r})")
        for key in stale:
            click.echo(f"  stale    {key}  (was {_entry(tr.model, key).source}, English now {now[key]})")


@translations.command()
@click.argument("lang")
@click.argument("keys", nargs=-1)
@click.option("--all-stale", is_flag=True, help="Stamp every stale entry (after you updated them all).")
@click.option("--content", type=click.Path(dir_okay=False), help=CONTENT_HELP)
def stamp(lang, keys, all_stale, content) -> None:
    """Mark entries of LANG as translated from the current English (after you updated them).

    KEYS are block ids, or handouts.<name> for a handout's title. Only the `source:` values change;
    the rest of the file (comments, layout) stays as it is."""
    from handouts import files

    loaded = _load(content)
    tr = loaded.translations.get(lang)
    if tr is None:
        raise HandoutsError(f"no translation file for {lang!r} (known: {', '.join(sorted(loaded.translations)) or 'none'})")
    now = current_hashes(loaded)
    if all_stale:
        keys = [k for k in now if _entry(tr.model, k) is not None and _entry(tr.model, k).source != now[k]]
    lines = tr.doc.path.read_text(encoding="utf-8").splitlines(keepends=True)
    for key in keys:
        if key not in now:
            raise HandoutsError(f"{key!r} is not a translatable block of the content")
        entry = _entry(tr.model, key)
        if entry is None:
            raise HandoutsError(f"{key!r} is not in {tr.doc.name} yet; add it with `source: {now[key]}`")
        line, col = tr.doc.where(_loc(key))
        text = lines[line - 1]
        start = text.index(entry.source, col - 1)
        lines[line - 1] = text[:start] + now[key] + text[start + len(entry.source):]
    files.write_text(tr.doc.path, "".join(lines))
    click.echo(f"stamped {len(keys)} entr{'y' if len(keys) == 1 else 'ies'} in {tr.doc.name}", err=True)
