"""The journey model: small frozen attrs classes and the closed vocabularies they use."""

import enum
import operator
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

_Record = TypeVar("_Record", bound=type)


def _record(cls: _Record) -> _Record:
    """`@attrs.frozen`, with the repr, equality and hash attrs would give, written once below for every
    model class instead of compiled for each at every start (attrs compiles them from generated source:
    about 5 ms of `validate`'s 60 ms above its floor)."""
    cls = attrs.frozen(repr=False, eq=False)(cls)
    names = tuple(a.name for a in attrs.fields(cls))
    values: Callable[[Any], tuple[Any, ...]] = (
        operator.attrgetter(*names) if len(names) > 1 else lambda self: (getattr(self, names[0]),))
    cls._names, cls._values = names, values  # type: ignore[attr-defined]
    cls.__repr__ = _repr  # type: ignore[assignment]
    cls.__eq__ = _eq  # type: ignore[assignment]
    cls.__hash__ = _hash  # type: ignore[assignment]
    return cls


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._names, self._values(self)))
    return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return self._values(self) == other._values(other)


def _hash(self: Any) -> int:
    return hash((type(self), self._values(self)))


if TYPE_CHECKING:  # what the type checker knows: attrs' frozen classes, as they are
    from attrs import frozen as record
else:
    record = _record


class LifeEvent(enum.Enum):
    """The seven prioritised life events of the digitalisation strategy (2019)."""

    FA_BARN = "Få barn"
    ALVORLIG_SYKT_BARN = "Alvorlig sykt barn"
    MISTE_OG_FINNE_JOBB = "Miste og finne jobb"
    NY_I_NORGE = "Ny i Norge"
    DODSFALL_OG_ARV = "Dødsfall og arv"
    FRIVILLIG_ORGANISASJON = "Starte og drive en frivillig organisasjon"
    BEDRIFT = "Starte og drive en bedrift"


class Channel(enum.Enum):
    """How the person meets the actor at a step."""

    DIGITAL = "digital"
    TELEFON = "telefon"
    FYSISK = "fysisk"
    BREV = "brev"
    AUTOMATISK = "automatisk"


class Transfer(enum.Enum):
    """How a data item travels from one actor to another."""

    AUTOMATIC = "automatic"  # system to system, the person does nothing
    MANUAL = "manual"  # an agency's caseworker moves it by hand
    USER = "user"  # the person carries it


# Other words accepted for a value, in journeys and in sheets alike (one vocabulary everywhere): the
# Norwegian words the sheets and the labels use for how data travels.
ALIASES: dict[type[enum.Enum], dict[str, enum.Enum]] = {
    Transfer: {"automatisk": Transfer.AUTOMATIC, "manuell": Transfer.MANUAL, "bruker": Transfer.USER},
}


class ActorKind(enum.Enum):
    PERSON = "person"
    STAT = "stat"
    FYLKESKOMMUNE = "fylkeskommune"
    KOMMUNE = "kommune"
    PRIVAT = "privat"
    FRIVILLIG = "frivillig"


class JourneyState(enum.Enum):
    """Whether a journey shows today (as-is) or the journey a collaboration proposes (to-be)."""

    AS_IS = "as-is"
    TO_BE = "to-be"


EMOTION_RANGE = range(-2, 3)


@record
class Actor:
    """Someone who owns or takes part in steps: the person, an agency, a company, a voluntary body."""

    id: str
    name: str
    short: str
    kind: ActorKind
    ministry: str | None = None
    part_of: str | None = None
    description: str | None = None

    @property
    def is_person(self) -> bool:
        return self.kind is ActorKind.PERSON


@record
class DataItem:
    """A piece of information with one authoritative source."""

    id: str
    name: str
    source: str
    sensitive: bool = False
    description: str | None = None


class Pronoun(enum.Enum):
    """How a persona is referred to: one person (hen, hun, han) or several (de)."""

    HEN = "hen"
    HUN = "hun"
    HAN = "han"
    DE = "de"


@record
class Persona:
    name: str
    situation: str
    pronoun: Pronoun | None = None  # None: inferred from the name ('Sara og Jonas' → de, else hen)


@record
class Phase:
    id: str
    title: str


@record
class DataFlow:
    """A data item passed from one actor to another at a step."""

    item: str
    from_: str
    to: str
    how: Transfer


# --- Figures for gains in hours and kroner (volumes, time, costs of the change) -------------------


@record
class Estimate:
    """A figure as a user writes it: one number (`likely`), or a range `low` / `likely` / `high`, with its
    `source` (an SSB table, the agency's own figures, a named estimate with its reasoning). A figure with
    only a source and no number is a known gap: the source says why (e.g. «ikke funnet i kilde»)."""

    likely: float | None = None
    low: float | None = None
    high: float | None = None
    source: str | None = None

    @property
    def known(self) -> bool:
        return self.likely is not None or self.low is not None or self.high is not None


@record
class AgencyMinutes:
    """An agency's minutes of work per case at a step it owns or takes part in (YAML: `actor: minutes`)."""

    actor: str
    minutes: Estimate


@record
class StepEffort:
    """Who reaches a step and the time it takes: the person's minutes of work and days of waiting, and
    each agency's minutes of work per case."""

    share: Estimate | None = None  # the share (0–1) of the journey's people who reach the step
    people: Estimate | None = None  # or: how many reach it a year
    person_minutes: Estimate | None = None
    waiting_days: Estimate | None = None
    agency_minutes: tuple[AgencyMinutes, ...] = ()


@record
class FlowRef:
    """A data flow of the journey, named by its item and the actors it goes from and to."""

    item: str
    from_: str
    to: str


@record
class Prerequisite:
    """What a to-be journey depends on: a new data flow, a shared solution or a rule change, who builds
    and who runs it, and what it costs once and every year (kroner)."""

    title: str
    built_by: str | None = None
    run_by: str | None = None  # default: the one who builds it
    one_time: Estimate | None = None
    yearly: Estimate | None = None
    flows: tuple[FlowRef, ...] = ()  # the new data flows it provides
    rule_change: str | None = None  # the rule that must change, in words


@record
class Step:
    id: str
    title: str
    owner: str
    phase: str
    with_: tuple[str, ...] = attrs.field(default=(), alias="with_")
    channel: Channel | None = None
    description: str | None = None
    services: tuple[str, ...] = ()
    emotion: int | None = None
    data: tuple[DataFlow, ...] = ()
    asks_user: tuple[str, ...] = ()
    pain_points: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    after: tuple[str, ...] | None = None  # None: after the step before it
    replaces: tuple[str, ...] = ()  # to-be journeys: the as-is steps this step takes the place of
    # Referrals: the steps whose owner sent the person on to this step's office («det er ikke oss, du må
    # til …»). Each is kasteball; nothing else is.
    # `referred_by: []` says that nobody sent the person here (silences validate's hint).
    referred_by: tuple[str, ...] | None = None
    effort: StepEffort | None = None  # gains: who reaches the step and the time it takes


@record
class Journey:
    journey: str
    life_event: LifeEvent
    title: str
    phases: tuple[Phase, ...]
    steps: tuple[Step, ...]
    persona: Persona | None = None
    goals: tuple[str, ...] = ()
    lanes: tuple[str, ...] = ()  # optional lane order; the rest follow in order of first appearance
    actors: tuple[Actor, ...] = ()  # actors defined in this file only
    data_items: tuple[DataItem, ...] = ()  # data items defined in this file only
    state: JourneyState = JourneyState.AS_IS
    improves: str | None = None  # to-be journeys: the id of the as-is journey they improve
    # Organisations the user runs (the club, their company): what they hold is the user's own data.
    own_organisations: tuple[str, ...] = ()
    # gains: how many people go through the journey a year, and (to-be) what the change depends on
    people_per_year: Estimate | None = None
    prerequisites: tuple[Prerequisite, ...] = ()

    @property
    def id(self) -> str:
        return self.journey


PUBLIC_KINDS = frozenset({ActorKind.STAT, ActorKind.FYLKESKOMMUNE, ActorKind.KOMMUNE})


def organisation(actor_id: str, actors: Mapping[str, "Actor"]) -> str:
    """The outermost organisation an actor is part of (itself when it is part of none)."""
    seen = {actor_id}
    while (parent := actors[actor_id].part_of) is not None and parent in actors and parent not in seen:
        seen.add(parent)
        actor_id = parent
    return actor_id


def is_public(actor_id: str, actors: Mapping[str, "Actor"]) -> bool:
    """A public body: state, county or municipality, or part of one (bound by «kun én gang»)."""
    seen: set[str] = set()
    while actor_id in actors and actor_id not in seen:
        seen.add(actor_id)
        if actors[actor_id].kind in PUBLIC_KINDS:
            return True
        actor_id = actors[actor_id].part_of or ""
    return False


def is_back_office(step: Step, actors: Mapping[str, Actor]) -> bool:
    """A step the person does not take part in: automatic, and no person owns it or takes part."""
    return step.channel is Channel.AUTOMATISK and not any(
        actors[a].is_person for a in (step.owner, *step.with_) if a in actors
    )


# YAML keys that are Python keywords or clash with them: model attribute -> YAML key.
RENAMED_KEYS = {"from_": "from", "with_": "with"}


def yaml_key(attribute: str) -> str:
    """The YAML key of a model attribute."""
    return RENAMED_KEYS.get(attribute, attribute)
