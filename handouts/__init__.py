"""handouts: branded, accessible patient-education handouts from one reviewed content file.

The public API is in `handouts.api`: load_inputs(), build(). Front ends (CLI, build.py) call only these.
"""
__version__ = "0.1.0"
