"""The one exception a command raises to end with a one-line message and a non-zero exit."""


class CLIError(Exception):
    pass
