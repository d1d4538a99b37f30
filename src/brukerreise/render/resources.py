"""Where the exporters' definitions (themes, outlines, labels, fonts) live: inside the installed wheel,
or in the source tree's top-level `exporters/` when running from a checkout."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from ..reading.yamlsource import read_yaml


@functools.cache
def exporters_dir() -> Path:
    bundled = Path(__file__).parents[1] / "exporters"
    if bundled.is_dir():
        return bundled
    checkout = Path(__file__).resolve().parents[3] / "exporters"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the exporters' definitions are missing: reinstall brukerreise")


@functools.cache
def definition(name: str) -> Any:
    """A YAML or JSON file under exporters/, e.g. definition('theme.yaml')."""
    path = exporters_dir() / name
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    return read_yaml(path).data
