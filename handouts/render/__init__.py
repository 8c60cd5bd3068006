"""Rendering: a Job becomes HTML (html.py), then PDF bytes (pdf.py). No side effects."""
