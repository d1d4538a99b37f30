"""`python -m brukerreise` runs the command line."""

from .cli import run

run()
