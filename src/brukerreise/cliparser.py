"""argparse's parser as the command line uses it: told the terminal's width without loading shutil, and
exiting with the usage code (2) on a usage error."""

from __future__ import annotations

import argparse
from typing import NoReturn
import os
import sys

from .status import ExitStatus


class Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width as argparse would learn it, without loading
    shutil (and with it bz2 and lzma) for that: argparse makes a formatter for every option declared."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        if width is None:
            width = _columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _columns() -> int:
    """The terminal's width in columns, as shutil.get_terminal_size() gives it: $COLUMNS, else the width of
    standard output's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]  # None without a stdout: AttributeError, caught below
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # argparse's own keywords, passed on

    def error(self, message: str) -> NoReturn:  # argparse's default exit code for usage errors is 2 too
        self.print_usage(sys.stderr)
        self.exit(ExitStatus.USAGE, f"brukerreise: error: {message}\n")
