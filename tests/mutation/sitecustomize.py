"""On PYTHONPATH only while `scripts/mutate` maps the tests: traces the Python processes the tests start."""
import os

if os.environ.get("MUTATE_TRACE_FILES") and os.environ.get("MUTATE_TEST_ID"):
    import tracemap

    tracemap.start()
