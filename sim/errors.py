"""Errors for bad user input; the CLI turns them into one message and exit code 2."""


class ScenarioError(ValueError):
    """A scenario that cannot be used; the message names the file and the field."""
