"""`python -m handouts ...` is the `handouts` command."""
from handouts.cli import main

main()
