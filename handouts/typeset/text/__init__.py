"""The text layer readers get: passes over WeasyPrint's content streams."""
