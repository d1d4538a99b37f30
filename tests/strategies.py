"""Hypothesis strategies for valid journeys (with forks, joins, parallel strands and hostile text), as the
plain data a YAML file would hold, plus helpers to write them out or analyse them directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from brukerreise.analysis import JourneyAnalysis, analyse
from brukerreise.model import ActorKind, Channel, Journey, LifeEvent, Transfer
from brukerreise.reading.converter import detailed_converter

# Text a designer might write, hostile parts included: quotes, backslashes, markup, braces, æøå, emoji.
TEXT_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789 ")
    + ['"', "'", "\\", "<", ">", "&", "{", "}", "[", "]", "|", ":", ";", "#", "%", "é", "ü", "€", "😀", "\n"]
)
titles = st.text(TEXT_ALPHABET, min_size=1, max_size=80).map(lambda t: t.strip() or "x")
short_text = st.text(TEXT_ALPHABET, min_size=1, max_size=30).map(lambda t: " ".join(t.split()) or "x")


@st.composite
def workspaces(draw: Any, max_steps: int = 40, max_lanes: int = 8, max_phases: int = 5,
               referrals: bool = False) -> dict[str, Any]:
    """{'actors': [...], 'data_items': [...], 'journey': {...}}: a valid journey and its registries. With
    `referrals`, some links between two offices' steps the person takes part in are marked as referrals."""
    n_actors = draw(st.integers(1, max_lanes))
    kinds = [ActorKind.PERSON] + [draw(st.sampled_from(list(ActorKind))) for _ in range(n_actors - 1)]
    actors = [
        {"id": f"actor-{i}", "name": draw(short_text), "short": draw(short_text), "kind": k.value,
         **({"ministry": "AID"} if k is ActorKind.STAT else {})}
        for i, k in enumerate(kinds)
    ]
    actor_ids = [a["id"] for a in actors]
    items = [
        {"id": f"item-{i}", "name": draw(short_text), "source": draw(st.sampled_from(actor_ids)),
         "sensitive": draw(st.booleans())}
        for i in range(draw(st.integers(1, 6)))
    ]
    item_ids = [d["id"] for d in items]
    n_phases = draw(st.integers(1, max_phases))
    phases = [{"id": f"phase-{i}", "title": draw(short_text)} for i in range(n_phases)]
    n_steps = draw(st.integers(n_phases, max(n_phases, max_steps)))
    # Phases in order, each with at least one step.
    cuts = sorted(draw(st.lists(st.integers(1, n_steps - 1), min_size=n_phases - 1, max_size=n_phases - 1, unique=True))) if n_phases > 1 else []
    bounds = [0, *cuts, n_steps]
    steps: list[dict[str, Any]] = []
    for p in range(n_phases):
        for index in range(bounds[p], bounds[p + 1]):
            owner = draw(st.sampled_from(actor_ids))
            step: dict[str, Any] = {
                "id": f"step-{index}", "phase": f"phase-{p}", "title": draw(titles), "owner": owner,
            }
            others = [a for a in actor_ids if a != owner]
            if others and draw(st.booleans()):
                step["with"] = draw(st.lists(st.sampled_from(others), max_size=3, unique=True))
            if draw(st.booleans()):
                step["channel"] = draw(st.sampled_from([c.value for c in Channel]))
            if draw(st.booleans()):
                step["emotion"] = draw(st.integers(-2, 2))
            if len(actor_ids) > 1 and draw(st.integers(0, 3)) == 0:
                src, dst = draw(st.lists(st.sampled_from(actor_ids), min_size=2, max_size=2, unique=True))
                step["data"] = [{"item": draw(st.sampled_from(item_ids)), "from": src, "to": dst,
                                 "how": draw(st.sampled_from([t.value for t in Transfer]))}]
            if draw(st.integers(0, 4)) == 0:
                step["asks_user"] = [draw(st.sampled_from(item_ids))]
            if draw(st.integers(0, 4)) == 0:
                step["pain_points"] = [draw(short_text)]
            if index > 0 and draw(st.integers(0, 3)) == 0:
                # A fork or join: after any earlier steps (always in this or an earlier phase), or a new strand.
                step["after"] = draw(st.lists(st.sampled_from([f"step-{i}" for i in range(index)]), max_size=3, unique=True))
            steps.append(step)
    if referrals:
        kind = dict(zip(actor_ids, kinds))
        _mark_referrals(draw, steps, kind)
    journey = {
        "journey": "generated",
        "life_event": draw(st.sampled_from([e.value for e in LifeEvent])),
        "title": draw(titles),
        "persona": {"name": draw(short_text), "situation": draw(titles)},
        "goals": [draw(short_text)],
        "phases": phases,
        "steps": steps,
    }
    return {"actors": actors, "data_items": items, "journey": journey}


def _mark_referrals(draw: Any, steps: list[dict[str, Any]], kind: dict[str, ActorKind]) -> None:
    """Mark some valid referrals: from a step the person takes part in, owned by an office, to the next such
    step of another office that comes straight after it."""
    def person_takes_part(step: dict[str, Any]) -> bool:
        return step.get("channel") != "automatisk" or any(kind[a] is ActorKind.PERSON for a in (step["owner"], *step.get("with", [])))

    for index, step in enumerate(steps):
        before = step.get("after", [steps[index - 1]["id"]] if index else [])
        senders = [
            b for b in before
            if (sender := steps[int(b.split("-")[1])])["owner"] != step["owner"]
            and kind[sender["owner"]] is not ActorKind.PERSON and kind[step["owner"]] is not ActorKind.PERSON
            and person_takes_part(sender) and person_takes_part(step)
        ]
        if senders and draw(st.booleans()):
            step["referred_by"] = draw(st.lists(st.sampled_from(senders), min_size=1, max_size=len(senders), unique=True))


def write_workspace(folder: Path, workspace: dict[str, Any]) -> Path:
    """Write the registries and the journey as YAML files; returns the journey's path."""
    yaml = YAML()
    yaml.width = 4096
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "actors.yaml").open("w", encoding="utf-8") as f:
        yaml.dump({"actors": workspace["actors"]}, f)
    with (folder / "data-items.yaml").open("w", encoding="utf-8") as f:
        yaml.dump({"data_items": workspace["data_items"]}, f)
    path = folder / f"{workspace['journey']['journey']}.yaml"
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(workspace["journey"], f)
    return path


def analysis_of(workspace: dict[str, Any]) -> JourneyAnalysis:
    """Analyse a generated workspace directly, without files."""
    from brukerreise.model import Actor, DataItem

    actors = {a["id"]: detailed_converter().structure(a, Actor) for a in workspace["actors"]}
    items = {d["id"]: detailed_converter().structure(d, DataItem) for d in workspace["data_items"]}
    return analyse(detailed_converter().structure(workspace["journey"], Journey), actors, items, source="generated.yaml")


@st.composite
def private_item_journeys(draw: Any, max_steps: int = 8) -> dict[str, Any]:
    """A linear journey around one item held by a private party (`item-private`, source `actor-private`):
    each step is owned by a public or a private office and may ask the person for the item, or pass it
    (by hand or not) from some actor to another (never to its holder)."""
    actors = [
        {"id": "actor-person", "name": "Person", "short": "P", "kind": "person"},
        {"id": "actor-private", "name": "Arbeidsgiver", "short": "AG", "kind": "privat"},
        {"id": "actor-bank", "name": "Bank", "short": "B", "kind": "privat"},
        {"id": "actor-state", "name": "Etat", "short": "E", "kind": "stat", "ministry": "AID"},
        {"id": "actor-office", "name": "Kontor", "short": "K", "kind": "stat", "part_of": "actor-state"},
        {"id": "actor-kommune", "name": "Kommune", "short": "Ko", "kind": "kommune"},
    ]
    ids = [a["id"] for a in actors]
    offices = ids[1:]
    steps: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, max_steps))):
        step: dict[str, Any] = {"id": f"step-{index}", "phase": "phase-0", "title": f"Steg {index}",
                                "owner": draw(st.sampled_from(offices)), "with": ["actor-person"]}
        if draw(st.booleans()):
            step["asks_user"] = ["item-private"]
        if draw(st.integers(0, 2)) == 0:
            # Never to the private holder itself: that would make every ask before it a timing gap.
            src = draw(st.sampled_from(ids))
            dst = draw(st.sampled_from([x for x in ids if x not in (src, "actor-private")]))
            step["data"] = [{"item": "item-private", "from": src, "to": dst,
                             "how": draw(st.sampled_from([t.value for t in Transfer]))}]
        steps.append(step)
    journey = {"journey": "generated", "life_event": list(LifeEvent)[0].value, "title": "Privat dokument",
               "phases": [{"id": "phase-0", "title": "Fase"}], "steps": steps}
    items = [{"id": "item-private", "name": "Arbeidsavtale", "source": "actor-private", "sensitive": False}]
    return {"actors": actors, "data_items": items, "journey": journey}


@st.composite
def workspaces_with_figures(draw: Any, max_steps: int = 10) -> dict[str, Any]:
    """A valid workspace whose journey carries figures for gains as a team writes them: ranges or single
    numbers (whole, or decimals of at most four places), gaps (a source and no number), numbers without a
    source (a warning), hostile text in sources, and prerequisites for some of its flows with who builds and
    who runs them."""
    import copy

    found = copy.deepcopy(draw(workspaces(max_steps=max_steps, max_lanes=5)))
    kinds = {a["id"]: a["kind"] for a in found["actors"]}
    actor_ids = list(kinds)

    def figure(high: int, share: bool = False) -> Any:
        # Counted in ten-thousandths (a share) or hundredths: numbers a person types, which a workbook holds exactly.
        unit = 10_000 if share else draw(st.sampled_from([1, 100]))
        likely = draw(st.integers(0, high * unit))
        shape = draw(st.sampled_from(["number", "likely", "range", "gap"]))
        if shape == "number":
            return likely / unit
        source = draw(titles)
        if shape == "gap":
            return {"source": source}
        if shape == "likely":
            return {"likely": likely / unit, "source": source}
        low, top = draw(st.integers(0, likely)), draw(st.integers(likely, high * unit))
        return {"low": low / unit, "likely": likely / unit, "high": top / unit, **({"source": source} if draw(st.booleans()) else {})}

    if draw(st.booleans()):
        found["journey"]["people_per_year"] = figure(100_000)
    for step in found["journey"]["steps"]:
        if draw(st.integers(0, 3)) == 0:
            continue
        effort: dict[str, Any] = {}
        taking_part = [step["owner"], *step.get("with", [])]
        agencies = {x: figure(120) for x in taking_part if kinds[x] != "person" and draw(st.booleans())}
        if agencies:
            effort["agency_minutes"] = agencies
        if any(kinds[x] == "person" for x in taking_part) and draw(st.booleans()):
            effort["person_minutes"] = figure(240)
        reach = draw(st.sampled_from(["share", "people", None]))
        if reach == "share":
            effort["share"] = figure(1, share=True)
        elif reach == "people":
            effort["people"] = figure(1_000)
        if draw(st.booleans()):
            effort["waiting_days"] = figure(60)
        if effort:
            step["effort"] = effort
    flows = [{"item": f["item"], "from": f["from"], "to": f["to"]} for s in found["journey"]["steps"] for f in s.get("data", [])]
    needs = []
    for _ in range(draw(st.integers(0, 3))):
        need: dict[str, Any] = {"title": draw(titles)}
        if flows and draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(flows), min_size=1, max_size=2, unique_by=lambda f: tuple(f.values())))
            need["flows"] = [dict(f) for f in chosen]  # copies: a shared dict would be written as a YAML alias
        if draw(st.booleans()):
            need["rule_change"] = draw(titles)
        if draw(st.booleans()):
            need["built_by"] = draw(st.sampled_from(actor_ids))
            if draw(st.booleans()):
                need["run_by"] = draw(st.sampled_from(actor_ids))
            for cost in ("one_time", "yearly"):
                if draw(st.booleans()):
                    need[cost] = figure(10_000_000)
        needs.append(need)
    if needs:
        found["journey"]["prerequisites"] = needs
    return found
