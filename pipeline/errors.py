"""Errors that front-ends turn into a one-line message and exit code 2."""


class ReadError(Exception):
    """Input that cannot be read; the message is one line, fit for a user."""


class UsageError(Exception):
    """Bad arguments or configuration; one line, exit code 2."""
