"""The test suite's own rules: shared helpers live in tests/support/ (and fixtures in conftest.py), so no
test module imports another test module, nor conftest."""

from __future__ import annotations

import ast

from support import ROOT


def test_no_test_module_imports_another_or_conftest():
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {name}" for name in names
                      if name.split(".")[0].startswith("test_") or name.split(".")[0] == "conftest"]
    assert found == [], "import the helper from tests/support instead"
