"""What preflight will not look into: a stream that decodes to more than MAX_DECODED_BYTES (a 1 MB file can
hold a 1 GB Flate stream, which would take seconds and gigabytes to decode) and artwork nested deeper than
pdfgraph follows. Each is an error: a file the check could not see whole is not passed as OK."""
from __future__ import annotations

import zlib

import pikepdf

from handouts.press.graph import MAX_DEPTH, walk
from handouts.publish.prepress import Finding

MAX_DECODED_BYTES = 256 * 1024 * 1024   # a 300 ppi CMYK image of an SRA3 sheet is about 70 MB
CHUNK = 1024 * 1024
SHRINKING = {"/ASCIIHexDecode", "/ASCII85Decode", "/DCTDecode", "/JPXDecode", "/CCITTFaxDecode", "/JBIG2Decode"}


def check(pdf: pikepdf.Pdf) -> list[Finding]:
    found: list[Finding] = []
    for node in walk(pdf):
        if node.kind == "too deep":
            found.append(Finding(f"{node.where} is nested more than {MAX_DEPTH} levels deep, and was not checked",
                                 "flatten the artwork and export again", node.page))
        elif node.kind in ("content", "image"):
            for stream in _streams(node.obj):
                if decodes_too_large(stream):
                    found.append(Finding(f"a stream of {node.where} decodes to more than "
                                         f"{MAX_DECODED_BYTES // 2 ** 20} MB, and was not checked",
                                         "export the file again; it is damaged or hostile", node.page))
    return found


def _streams(obj) -> list:
    """The streams of a content node: a page's /Contents (one or an array), else the node itself."""
    if isinstance(obj, pikepdf.Stream):
        return [obj]
    contents = obj.get("/Contents") if isinstance(obj, pikepdf.Dictionary) else None
    if isinstance(contents, pikepdf.Stream):
        return [contents]
    return [s for s in contents if isinstance(s, pikepdf.Stream)] if isinstance(contents, pikepdf.Array) else []


def decodes_too_large(stream: pikepdf.Stream, limit: int = MAX_DECODED_BYTES) -> bool:
    """Whether decoding STREAM would give more than LIMIT bytes. Flate is inflated in chunks and thrown away;
    a filter whose output size cannot be bounded that way counts its input at the worst ratio PDF allows."""
    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    raw = stream.read_raw_bytes()
    if not names or all(name in SHRINKING for name in names):
        return len(raw) > limit
    if names == ["/FlateDecode"]:
        return _inflated_size(raw, limit) > limit
    return len(raw) * 1024 > limit  # LZW, RunLength or a chain: bounded by its input only


def _inflated_size(data: bytes, limit: int) -> int:
    inflate, total = zlib.decompressobj(), 0
    pending = data
    try:
        while pending and total <= limit:
            total += len(inflate.decompress(pending, CHUNK))
            pending = inflate.unconsumed_tail
    except zlib.error:
        return total  # damaged: pikepdf reports it where it decodes
    return total
