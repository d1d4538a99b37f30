"""The exit status of every command, by name: 0 all well, 1 invalid input, 2 usage or environment."""

from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    OK = 0  # all well
    INVALID = 1  # a journey or registry has errors (or warnings, with --strict)
    USAGE = 2  # bad options, missing files, Graphviz missing, an output that cannot be written
    INTERRUPTED = 130  # Ctrl-C, as a shell reports it
