"""Errors that front-ends turn into a one-line message and exit code 2."""


class ReadError(Exception):
    """Input that cannot be read; the message is one line, fit for a user."""


class UsageError(Exception):
    """Bad arguments or configuration; one line, exit code 2."""


class PipelineError(Exception):
    """A pipeline asked for a component that does not exist, cannot load, or runs out of order."""
