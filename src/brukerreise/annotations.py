"""`validate --format`: the problems for review in continuous integration. `github` writes GitHub Actions
workflow commands (each problem an annotation on the pull request's diff), `json` a plain list, and
`sarif` SARIF 2.1.0 (GitLab, Azure DevOps, GitHub code scanning and other tools read it)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from . import __version__
from .reading.issues import Issue

FORMATS = ("text", "github", "json", "sarif")


def render(issues: Sequence[Issue], fmt: str, summary: str) -> str:
    """The problems in `fmt` (not 'text': that goes to stderr line by line), and the summary line."""
    if fmt == "github":
        return "".join(github_line(issue) + "\n" for issue in issues)
    if fmt == "json":
        return json.dumps(as_json(issues, summary), ensure_ascii=False, indent=2) + "\n"
    if fmt == "sarif":
        return json.dumps(as_sarif(issues), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(fmt)


def _data(text: str) -> str:
    """A workflow command's message, escaped as the runner reads it back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(issue: Issue) -> str:
    """'::error file=j.yaml,line=3,col=5,title=brukerreise::message' (or '::warning …')."""
    fields = f"file={_property(issue.file)},line={issue.line},col={issue.col},title={_property('brukerreise ' + issue.severity.value)}"
    return f"::{issue.severity.value} {fields}::{_data(_message(issue))}"


def _message(issue: Issue) -> str:
    """The message as `validate` prints it (one line, user text escaped), without the place."""
    prefix = f"{issue.file}:{issue.line}:{issue.col}: {issue.severity.value}: "
    shown = str(issue)
    return shown[len(prefix):] if shown.startswith(prefix) else issue.message


def as_json(issues: Sequence[Issue], summary: str) -> dict[str, object]:
    return {
        "tool": "brukerreise", "version": __version__,
        "errors": sum(1 for i in issues if i.is_error), "warnings": sum(1 for i in issues if not i.is_error),
        "summary": summary,
        "problems": [{"file": i.file, "line": i.line, "col": i.col, "severity": i.severity.value, "message": _message(i)}
                     for i in issues],
    }


def as_sarif(issues: Sequence[Issue]) -> dict[str, object]:
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "brukerreise", "version": __version__}},
            "results": [{
                "level": i.severity.value,
                "message": {"text": _message(i)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": i.file.replace("\\", "/")},
                    "region": {"startLine": i.line, "startColumn": i.col},
                }}],
            } for i in issues],
        }],
    }
