"""Publishing: atomic writes, the manifest."""
