"""Rendering: a Job becomes HTML (html.py), then PDF bytes (pdf/). No side effects."""
