"""`python -m reader` runs the `reader` command."""

import sys

from reader.cli import main

# Guarded: the loader's pool processes import the main module again when they start.
if __name__ == "__main__":
    sys.exit(main())
