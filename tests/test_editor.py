"""The editor knows the agencies: the real YAML language server (the npm package VS Code's YAML extension
runs), driven over stdio with the Language Server Protocol, checks and completes the shipped journeys
against the committed, registry-aware schema."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import ROOT

from brukerreise.reading.loading import load

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
JOURNEYS = ROOT / "journeys"
FA_BARN = (JOURNEYS / "fa-barn.yaml").read_text(encoding="utf-8")


class LanguageServer:
    """A client of one yaml-language-server process over stdio."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            ["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, cwd=ROOT,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {
            "processId": os.getpid(), "rootUri": ROOT.as_uri(),
            "capabilities": {"textDocument": {"completion": {"completionItem": {"documentationFormat": ["plaintext"]}}}},
        })
        self.notify("initialized", {})
        # As VS Code's YAML extension sets it, but with no schema store (no network in tests).
        self.settings = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self.settings}})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        asked = self.next_id
        self._send({"id": asked, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == asked and "method" not in m)["result"]

    def wait(self, wanted: Callable[[dict[str, Any]], bool], timeout: float = 60) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while True:
            try:
                message = self.messages.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                raise TimeoutError("the language server did not answer") from None
            if message is None:
                raise RuntimeError("the language server stopped")
            if "method" in message and "id" in message:  # the server asks the client: answer it
                sections = message["params"].get("items", []) if message["method"] == "workspace/configuration" else None
                result = [self.settings if s.get("section") == "yaml" else None for s in sections] if sections is not None else None
                self._send({"id": message["id"], "result": result})
            elif wanted(message):
                return message

    def diagnostics(self, path: Path, text: str) -> list[dict[str, Any]]:
        """Open `text` as the document at `path` (never written to disk) and return its diagnostics."""
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        published = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return published["params"]["diagnostics"]  # type: ignore[no-any-return]

    def completion(self, path: Path, text: str, line_end: str) -> list[dict[str, Any]]:
        """Open `text` at `path` and ask what may follow at the end of the first line that ends in `line_end`."""
        self.diagnostics(path, text)
        index = text.index(line_end + "\n") + len(line_end)
        position = {"line": text.count("\n", 0, index), "character": index - (text.rfind("\n", 0, index) + 1)}
        result = self.request("textDocument/completion", {"textDocument": {"uri": path.as_uri()}, "position": position})
        return result["items"] if isinstance(result, dict) else result  # type: ignore[no-any-return]

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    if not SERVER.is_file() or shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail("yaml-language-server or node is missing: .ci/setup installs them")
        pytest.skip("yaml-language-server or node is not installed (run .ci/setup)")
    client = LanguageServer()
    try:
        yield client
    finally:
        client.close()


def at(text: str, needle: str) -> tuple[int, int]:
    """0-based (line, character) where `needle` starts in `text`."""
    index = text.index(needle)
    return text.count("\n", 0, index), index - (text.rfind("\n", 0, index) + 1)


def test_a_valid_journey_has_no_diagnostics(server):
    assert server.diagnostics(JOURNEYS / "lsp-valid.yaml", FA_BARN) == []


def test_an_unknown_actor_and_a_wrong_channel_each_give_one_at_their_line(server):
    text = FA_BARN.replace("owner: nav\n", "owner: nva\n", 1).replace("channel: digital\n", "channel: digitalt\n", 1)
    found = server.diagnostics(JOURNEYS / "lsp-wrong.yaml", text)
    lines = sorted(d["range"]["start"]["line"] for d in found)
    assert lines == sorted([at(text, "owner: nva")[0], at(text, "channel: digitalt")[0]]), found
    actor = next(d for d in found if d["range"]["start"]["line"] == at(text, "owner: nva")[0])
    assert actor["range"]["start"]["character"] == at(text, "nva")[1]
    assert '"nav"' in actor["message"]


def test_completion_after_owner_offers_the_registrys_actors_with_their_names(server):
    text = FA_BARN.replace("owner: nav\n", "owner: \n", 1)
    items = server.completion(JOURNEYS / "lsp-complete.yaml", text, "owner: ")
    offered = {item["label"]: item.get("documentation") for item in items}
    actors = load([JOURNEYS / "actors.yaml"]).actors
    assert set(offered) == set(actors)
    assert "Arbeids- og velferdsetaten" in offered["nav"]
    assert "Skatteetaten" in offered["skatteetaten"]


def test_hovering_over_an_actor_shows_its_name(server):
    path = JOURNEYS / "lsp-hover.yaml"
    server.diagnostics(path, FA_BARN)
    line, character = at(FA_BARN, "owner: nav\n")
    hover = server.request("textDocument/hover", {
        "textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character + len("owner: n")},
    })
    assert "Arbeids- og velferdsetaten" in json.dumps(hover, ensure_ascii=False)


def test_completion_after_channel_offers_the_channels_and_never_null(server):
    text = FA_BARN.replace("channel: digital\n", "channel: \n", 1)
    labels = {item["label"] for item in server.completion(JOURNEYS / "lsp-channel.yaml", text, "channel: ")}
    assert labels == {"digital", "telefon", "fysisk", "brev", "automatisk"}


def test_an_unknown_data_item_is_flagged(server):
    text = FA_BARN.replace("asks_user: [", "asks_user: [terminbekreftelsen, ", 1)
    assert "asks_user: [terminbekreftelsen, " in text
    found = server.diagnostics(JOURNEYS / "lsp-item.yaml", text)
    assert [d["range"]["start"]["line"] for d in found] == [at(text, "terminbekreftelsen, ")[0]]


def test_a_journey_with_actors_of_its_own_may_use_them(server):
    text = FA_BARN.replace("owner: nav\n", "owner: min-egen\n", 1) + (
        "actors:\n  - {id: min-egen, name: Min egen aktør, short: Egen, kind: privat}\n"
    )
    assert server.diagnostics(JOURNEYS / "lsp-own.yaml", text) == []


# --- the schemas: generic, or knowing the registries; written where `new` points --------------------


def test_the_generic_schema_offers_no_null():
    from brukerreise.reading.schema import schema_text

    for kind in ("journey", "actors", "data-items"):
        assert "null" not in schema_text(kind)


def test_schema_of_a_folder_knows_its_registries(registries, write, cli):
    import jsonschema

    from support import JOURNEY_YAML

    result = cli("schema", ".")
    assert result.code == 0, result.err
    schema = json.loads(result.out)
    assert schema["definitions"]["ActorId"]["enum"] == ["bruker", "nav", "kommunen", "skatteetaten"]
    assert schema["definitions"]["ActorId"]["enumDescriptions"][1] == "Arbeids- og velferdsetaten (Nav, stat)"
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    from brukerreise.reading.yamlsource import parse_yaml

    assert list(validator.iter_errors(parse_yaml(JOURNEY_YAML.encode()).data)) == []
    wrong = parse_yaml(JOURNEY_YAML.replace("owner: nav", "owner: nva").replace("[inntekt]", "[inntekten]").encode()).data
    assert sorted(e.instance for e in validator.iter_errors(wrong)) == ["inntekten", "nva"]
    items = json.loads(cli("schema", ".", "--kind", "data-items").out)
    assert items["definitions"]["DataItem"]["properties"]["source"]["$ref"] == "#/definitions/ActorId"


def test_schema_write_writes_all_three(registries, cli, workdir):
    result = cli("schema", ".", "--write")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (workdir / "schema").iterdir()) == ["actors.schema.json", "data-items.schema.json", "journey.schema.json"]
    assert "nav" in json.loads((workdir / "schema" / "journey.schema.json").read_text())["definitions"]["ActorId"]["enum"]


def test_schema_is_not_written_from_a_broken_registry(write, cli, workdir):
    write("actors.yaml", "actors:\n  - {id: nav, name: Nav, short: Nav, kind: etat}\n")
    result = cli("schema", ".", "--write")
    assert result.code == 1
    assert result.errors and result.errors[0].file == "actors.yaml"
    assert not (workdir / "schema").exists()


def test_schema_write_of_a_missing_folder_is_a_usage_error(workdir, cli):
    result = cli("schema", "nowhere", "--write")
    assert (result.code, result.err) == (2, "brukerreise: error: nowhere: no such folder\n")


def test_new_outside_a_clone_writes_into_journeys_and_the_schema_its_modeline_names(workdir, cli):
    result = cli("new", "min-reise", "--life-event", "Få barn")
    assert result.code == 0, result.err
    text = (workdir / "journeys" / "min-reise.yaml").read_text(encoding="utf-8")
    modeline = text.splitlines()[0]
    assert modeline == "# yaml-language-server: $schema=schema/journey.schema.json"
    assert (workdir / "journeys" / "schema" / "journey.schema.json").is_file()
    assert cli("validate", "--strict").code == 0


def test_new_beside_registries_writes_a_schema_that_knows_them(registries, cli, workdir):
    assert cli("new", "ny-reise", "--life-event", "Ny i Norge", "--dir", ".").code == 0
    schema = json.loads((workdir / "schema" / "journey.schema.json").read_text(encoding="utf-8"))
    assert schema["definitions"]["ActorId"]["enum"] == ["bruker", "nav", "kommunen", "skatteetaten"]


def test_new_keeps_a_schema_that_is_there(workdir, cli):
    (workdir / "journeys" / "schema").mkdir(parents=True)
    (workdir / "journeys" / "schema" / "journey.schema.json").write_text("{}\n")
    result = cli("new", "x", "--life-event", "Få barn")
    assert result.code == 0, result.err
    assert (workdir / "journeys" / "schema" / "journey.schema.json").read_text() == "{}\n"


def test_the_new_journey_and_its_schema_satisfy_the_language_server(server, workdir, cli):
    assert cli("new", "min-reise", "--life-event", "Få barn").code == 0
    path = workdir / "journeys" / "min-reise.yaml"
    assert server.diagnostics(path, path.read_text(encoding="utf-8")) == []
    wrong = path.read_text(encoding="utf-8").replace("channel: digital", "channel: nett")
    assert len(server.diagnostics(workdir / "journeys" / "other.yaml", wrong)) == 1


# --- a journey that defines actors of its own keeps the checks and the completion -------------------

OWN = """\
# yaml-language-server: $schema=schema/journey.schema.json
journey: leie
life_event: Starte og drive en frivillig organisasjon
title: Vi leier et lokale
persona: {name: Kari (40), situation: Leder et kor}
goals: [Ha et sted å øve]
phases: [{id: finne, title: Finne lokale}]
actors:
  - {id: utleier, name: Utleieren, short: Utleier, kind: privat}
steps:
  - id: lete
    phase: finne
    title: Jeg leter etter et lokale
    owner: bruker
  - id: leie
    phase: finne
    title: Jeg får leie lokalet
    owner: utleier
    with: [bruker]
"""


@pytest.fixture
def own_folder(registries, write, cli, workdir):
    write("leie.yaml", OWN, dedent=False)
    result = cli("schema", ".", "--write")
    assert result.code == 0, result.err
    return workdir


def test_a_journey_with_its_own_actors_has_its_unknown_actor_flagged(server, own_folder):
    assert server.diagnostics(own_folder / "leie.yaml", OWN) == []
    wrong = OWN.replace("owner: utleier", "owner: utleir")
    (found,) = server.diagnostics(own_folder / "leie-wrong.yaml", wrong)
    assert found["range"]["start"]["line"] == at(wrong, "owner: utleir")[0]
    assert found["message"].startswith("Unknown actor: use one of the 5 ids that completion offers")
    assert found["message"].count('"') <= 12  # a few examples, not every id


def test_completion_in_a_journey_with_its_own_actors_lists_the_registrys_and_its_own(server, own_folder):
    text = OWN.replace("owner: utleier", "owner: ")
    items = server.completion(own_folder / "leie-complete.yaml", text, "owner: ")
    offered = {item["label"]: item.get("documentation") for item in items}
    assert set(offered) == {"bruker", "nav", "kommunen", "skatteetaten", "utleier"}
    assert "defined in leie.yaml" in json.dumps(offered["utleier"], ensure_ascii=False)


def test_an_actor_defined_since_the_schema_was_written_is_not_flagged_and_the_known_are_offered(server, own_folder):
    text = OWN.replace("id: utleier", "id: huseier").replace("owner: utleier", "owner: huseier")
    assert server.diagnostics(own_folder / "leie-new.yaml", text) == []
    items = server.completion(own_folder / "leie-new-complete.yaml", text.replace("owner: huseier", "owner: "), "owner: ")
    assert {"bruker", "nav", "kommunen", "skatteetaten", "utleier"} <= {item["label"] for item in items}


def test_a_folder_without_registries_knows_the_actors_its_journeys_define(write, cli, workdir):
    write("leie.yaml", OWN.replace("owner: bruker", "owner: utleier").replace("with: [bruker]\n", ""), dedent=False)
    assert cli("schema", ".", "--write").code == 0
    schema = json.loads((workdir / "schema" / "journey.schema.json").read_text(encoding="utf-8"))
    assert schema["definitions"]["ActorId"]["enum"] == ["utleier"]
