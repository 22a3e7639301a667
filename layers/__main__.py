"""``python -m layers``: the command line (``layers.cli``)."""

import sys

from layers.cli import main

if __name__ == "__main__":
    sys.exit(main())
