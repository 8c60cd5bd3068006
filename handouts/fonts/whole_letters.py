"""Letters drawn as one glyph each, for fonts that split them into a base and a mark glyph.

Noto Sans Arabic draws ف as the dotless glyph of ڡ plus a dot glyph, ن as ں plus the same dot, ك
as a dotless kaf plus a small mark: its `ccmp` and `rlig` features split the letter, the `mark`
feature puts the dot in place. The PDF then holds two glyphs for one letter, the dot drawn back over
its letter, and extractors that place text by glyph position (Poppler's pdftotext) start a new word
at every dot.

`compose(font)` adds, to a static font made with fontTools, one composite glyph per (base, mark)
pair the font can make this way (the base in each of its joining forms), drawn exactly where the
`mark` feature would put the mark, and a last required ligature (`rlig`) that turns the pair into
it once every other substitution is done. Positioning that applied to the base (kerning, marks the
text itself carries, such as a shadda) applies to the composite too; a mark stacked on the dot is
placed where it would have stacked. Shapes and advances are unchanged; each letter is one glyph.
"""
from __future__ import annotations

import copy

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

RECIPE = "whole-letters-1"  # part of the cache key of every static instance: change it when the recipe changes
BASE, MARK = 1, 3  # GDEF glyph classes
_USE_MY_METRICS, _ROUND_XY_TO_GRID = 0x0200, 0x0004
_EXTENSION = {"GSUB": 7, "GPOS": 9}


def compose(font: TTFont) -> int:
    """Adds the composite glyphs and the ligature that makes them; returns how many glyphs it added."""
    if not all(tag in font for tag in ("glyf", "GSUB", "GPOS", "GDEF")) or not _rlig_features(font):
        return 0
    pairs = _pairs(font)
    if not pairs:
        return 0
    order = font.getGlyphOrder()
    names = [f"{base}_{mark}.whole" for base, mark, _ in pairs]
    font.setGlyphOrder(order + names)
    glyf, hmtx = font["glyf"], font["hmtx"]
    glyf.glyphOrder = font.getGlyphOrder()
    classes = font["GDEF"].table.GlyphClassDef.classDefs
    for name, (base, mark, (dx, dy)) in zip(names, pairs):
        glyph = Glyph()
        glyph.numberOfContours = -1
        glyph.components = [_component(base, 0, 0, _USE_MY_METRICS | _ROUND_XY_TO_GRID),
                            _component(mark, dx, dy, _ROUND_XY_TO_GRID)]
        glyf[name] = glyph
        glyph.recalcBounds(glyf)
        hmtx[name] = (hmtx[base][0], glyph.xMin)
        classes[name] = BASE
    added, stacking = list(zip(names, pairs)), _stacking(font)
    for kind, sub in _subtables(font, "GPOS"):
        _alias(kind, sub, added, stacking)
    _add_ligature(font, added)
    return len(names)


def _component(name: str, x: int, y: int, flags: int) -> GlyphComponent:
    component = GlyphComponent()
    component.glyphName, component.x, component.y, component.flags = name, x, y, flags
    return component


def _subtables(font: TTFont, tag: str):
    """(lookup type, subtable) of every subtable of a layout table, extension subtables unwrapped."""
    for lookup in font[tag].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            if lookup.LookupType == _EXTENSION[tag]:
                yield sub.ExtensionLookupType, sub.ExtSubTable
            else:
                yield lookup.LookupType, sub


def _rlig_features(font: TTFont) -> list:
    return [r.Feature for r in font["GSUB"].table.FeatureList.FeatureRecord if r.FeatureTag == "rlig"]


def _pairs(font: TTFont) -> list[tuple[str, str, tuple[int, int]]]:
    """(base, mark, offset of the mark) for every base and mark a letter's split can become."""
    classes = font["GDEF"].table.GlyphClassDef.classDefs
    splits: set[tuple[str, str]] = set()
    successors: dict[str, set[str]] = {}
    for kind, sub in _subtables(font, "GSUB"):
        if kind == 1:
            for source, target in sub.mapping.items():
                successors.setdefault(source, set()).add(target)
        elif kind == 2:
            for source, targets in sub.mapping.items():
                if len(targets) == 1:
                    successors.setdefault(source, set()).add(targets[0])
                elif len(targets) == 2 and classes.get(targets[0]) == BASE and classes.get(targets[1]) == MARK:
                    splits.add(tuple(targets))
    anchors = _attachments(font)
    found = set()
    for base0, mark0 in splits:
        for base in _closure(base0, successors):
            for mark in _closure(mark0, successors):
                offset = _offset(anchors, base, mark)
                if offset is not None:
                    found.add((base, mark, offset))
    return sorted(found)


def _closure(glyph: str, successors: dict) -> set[str]:
    """The glyph and every glyph single substitutions can turn it into (its joining forms)."""
    seen, todo = {glyph}, [glyph]
    while todo:
        for following in successors.get(todo.pop(), ()):
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen


def _attachments(font: TTFont) -> list[tuple[dict, dict]]:
    """Per mark-to-base subtable, in lookup order: {mark: MarkRecord}, {base: BaseRecord}."""
    return [(dict(zip(sub.MarkCoverage.glyphs, sub.MarkArray.MarkRecord)),
             dict(zip(sub.BaseCoverage.glyphs, sub.BaseArray.BaseRecord)))
            for kind, sub in _subtables(font, "GPOS") if kind == 4]


def _offset(anchors: list, base: str, mark: str) -> tuple[int, int] | None:
    """Where the first mark-to-base subtable that has both puts the mark on the base."""
    for marks, bases in anchors:
        if mark in marks and base in bases:
            record = marks[mark]
            anchor = bases[base].BaseAnchor[record.Class]
            if anchor is None:
                return None
            return (anchor.XCoordinate - record.MarkAnchor.XCoordinate,
                    anchor.YCoordinate - record.MarkAnchor.YCoordinate)
    return None


def _stacking(font: TTFont) -> dict:
    """mark -> the anchor (mark-to-mark, one class) where a further mark stacks on it."""
    out: dict = {}
    for kind, sub in _subtables(font, "GPOS"):
        if kind == 6 and sub.ClassCount == 1:
            for mark, record in zip(sub.Mark2Coverage.glyphs, sub.Mark2Array.Mark2Record):
                if record.Mark2Anchor[0] is not None:
                    out.setdefault(mark, record.Mark2Anchor[0])
    return out


def _alias(kind: int, sub, added: list, stacking: dict) -> None:
    """The composite is positioned like its base: it joins every coverage and class its base is in.
    New glyphs come last in the glyph order, so appending keeps coverages sorted."""
    for name, (base, mark, offset) in added:
        if kind == 1:
            index = _extend(sub.Coverage, base, name)
            if index is not None and sub.Format == 2:
                sub.Value.append(copy.deepcopy(sub.Value[index]))
                sub.ValueCount = len(sub.Value)
        elif kind == 2:
            _alias_pair(sub, base, name)
        elif kind == 3:
            index = _extend(sub.Coverage, base, name)
            if index is not None:
                sub.EntryExitRecord.append(copy.deepcopy(sub.EntryExitRecord[index]))
                sub.EntryExitCount = len(sub.EntryExitRecord)
        elif kind == 4:
            _alias_mark_base(sub, base, mark, offset, name, stacking)
        elif kind in (7, 8):
            _alias_context(sub, base, name)


def _extend(coverage, base: str, name: str) -> int | None:
    if coverage is None or base not in coverage.glyphs:
        return None
    coverage.glyphs.append(name)
    return coverage.glyphs.index(base)


def _alias_pair(sub, base: str, name: str) -> None:
    index = _extend(sub.Coverage, base, name)
    if sub.Format == 1:
        if index is not None:
            sub.PairSet.append(copy.deepcopy(sub.PairSet[index]))
            sub.PairSetCount = len(sub.PairSet)
        for pair_set in sub.PairSet:
            extra = [copy.deepcopy(r) for r in pair_set.PairValueRecord if r.SecondGlyph == base]
            for record in extra:
                record.SecondGlyph = name
            pair_set.PairValueRecord += extra
            pair_set.PairValueCount = len(pair_set.PairValueRecord)
    else:
        for class_def in (sub.ClassDef1, sub.ClassDef2):
            if base in class_def.classDefs:
                class_def.classDefs[name] = class_def.classDefs[base]


def _alias_mark_base(sub, base: str, mark: str, offset: tuple[int, int], name: str, stacking: dict) -> None:
    """Marks attach to the composite where they attach to its base, except on the side of the composed
    mark: there they go where they would have stacked on it."""
    index = _extend(sub.BaseCoverage, base, name)
    if index is None:
        return
    record = copy.deepcopy(sub.BaseArray.BaseRecord[index])
    marks = dict(zip(sub.MarkCoverage.glyphs, sub.MarkArray.MarkRecord))
    if mark in marks and mark in stacking:
        anchor = otTables.Anchor()
        anchor.Format = 1
        anchor.XCoordinate = stacking[mark].XCoordinate + offset[0]
        anchor.YCoordinate = stacking[mark].YCoordinate + offset[1]
        record.BaseAnchor[marks[mark].Class] = anchor
    sub.BaseArray.BaseRecord.append(record)
    sub.BaseArray.BaseCount = len(sub.BaseArray.BaseRecord)


def _alias_context(sub, base: str, name: str) -> None:
    if sub.Format == 3:
        for attr in ("Coverage", "BacktrackCoverage", "InputCoverage", "LookAheadCoverage"):
            for coverage in getattr(sub, attr, None) or []:
                _extend(coverage, base, name)
    elif sub.Format == 2:
        _extend(sub.Coverage, base, name)
        for attr in ("ClassDef", "BacktrackClassDef", "InputClassDef", "LookAheadClassDef"):
            class_def = getattr(sub, attr, None)
            if class_def is not None and base in class_def.classDefs:
                class_def.classDefs[name] = class_def.classDefs[base]


def _add_ligature(font: TTFont, added: list) -> None:
    """base + mark -> composite, as the last lookup of every `rlig` feature (required: never turned off)."""
    sub = otTables.LigatureSubst()
    sub.Format, sub.ligatures = 1, {}
    for name, (base, mark, _) in added:
        ligature = otTables.Ligature()
        ligature.Component, ligature.LigGlyph, ligature.CompCount = [mark], name, 2
        sub.ligatures.setdefault(base, []).append(ligature)
    lookup = otTables.Lookup()
    lookup.LookupType, lookup.LookupFlag, lookup.SubTable, lookup.SubTableCount = 4, 0, [sub], 1
    lookups = font["GSUB"].table.LookupList
    lookups.Lookup.append(lookup)
    lookups.LookupCount = len(lookups.Lookup)
    for feature in _rlig_features(font):
        feature.LookupListIndex.append(lookups.LookupCount - 1)
        feature.LookupCount = len(feature.LookupListIndex)
