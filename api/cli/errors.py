"""The one exception a command raises to end with a one-line message and a non-zero exit."""

USAGE_EXIT_CODE = 2
UNAVAILABLE_EXIT_CODE = 3
"""A component the command needs (the language model) cannot serve it now."""


class CLIError(Exception):
    def __init__(self, message: str, exit_code: int = USAGE_EXIT_CODE):
        super().__init__(message)
        self.exit_code = exit_code


def catalogue_language(value: str | None) -> str | None:
    """A typer option callback: a language with a message catalogue, refused by the parser (exit 2) otherwise."""
    import typer

    from core.i18n import is_supported, languages

    if value is not None and not is_supported(value):
        raise typer.BadParameter(f"must be one of {', '.join(languages())}")
    return value
