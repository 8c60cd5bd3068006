"""Publish: the batch engine and what a build leaves (PDFs, manifest, cache), the print bundle with its packets,
booklets and job sheet, one patient's PDFs, preflight, and new projects and clinic folders."""
