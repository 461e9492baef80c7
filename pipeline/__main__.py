"""``python -m zongjie``: the command line."""

from zongjie.cli.fast import main

main()
