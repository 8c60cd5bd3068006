#!/usr/bin/env python3
"""`python build.py [options]` is `handouts build [options]`."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handouts.cli import main

if __name__ == "__main__":
    sys.argv[1:1] = ["build"]
    main()
