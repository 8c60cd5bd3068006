"""Render: a resolved handout becomes HTML (html.py, Jinja2 templates from the top-level templates/).

Nothing here reads files of the project, writes files, or touches PDF or font files: typeset/ lays the
HTML out with WeasyPrint, press/ finishes press files, fonts/ builds the faces the theme names.
"""
