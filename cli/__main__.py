"""``python -m zongjie.cli``: the command line (same as ``python -m zongjie``)."""

from zongjie.cli.fast import main

main()
