"""The journey model: small frozen attrs classes and the closed vocabularies they use."""

import enum
from collections.abc import Mapping

import attrs


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


@attrs.frozen
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


@attrs.frozen
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


@attrs.frozen
class Persona:
    name: str
    situation: str
    pronoun: Pronoun | None = None  # None: inferred from the name ('Sara og Jonas' → de, else hen)


@attrs.frozen
class Phase:
    id: str
    title: str


@attrs.frozen
class DataFlow:
    """A data item passed from one actor to another at a step."""

    item: str
    from_: str
    to: str
    how: Transfer


@attrs.frozen
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


@attrs.frozen
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
