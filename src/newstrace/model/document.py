"""The one document model every reader, stage, store and interface speaks.

Everything here is a frozen dataclass: a stage returns a new ``Document`` (``dataclasses.replace``) and
never mutates its input, so stages can run in a pool or on Spark workers unchanged. Every annotation
carries raw-text offsets and the name of the stage that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from newstrace.model.dates import PartialDate
from newstrace.model.textview import TextView


class DateSource(StrEnum):
    HEADER = "header"
    METADATA = "metadata"
    TEXT = "text"
    NONE = "none"


class TitleSource(StrEnum):
    METADATA = "metadata"
    HEADLINE = "headline"
    LEAD = "lead"


@dataclass(frozen=True, slots=True)
class RecordMeta:
    """What the input said about the record besides its text, before any analysis."""

    title: str | None = None
    date: PartialDate | None = None
    lang: str | None = None
    url: str | None = None
    outlet: str | None = None
    # Plain-text header (" date YYYY-MM[-DD]") and a headline sharing its line, as raw spans.
    header: tuple[int, int] | None = None
    headline: tuple[int, int] | None = None
    # Input fields newstrace does not know, kept verbatim as a JSON object text.
    extra_json: str | None = None


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    start: int
    end: int
    reason: str
    text: str
    stage: str


@dataclass(frozen=True, slots=True)
class Flag:
    """A span worth a reader's attention that was kept (e.g. a paragraph that starts mid-sentence)."""

    start: int
    end: int
    kind: str
    stage: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    lang: str
    stage: str


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    source: TitleSource
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str
    score: float
    stage: str


@dataclass(frozen=True, slots=True)
class DocDate:
    value: PartialDate
    source: DateSource
    stage: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class QualitySpan:
    """A passage flagged as spun or machine-made, with the repair proposed for it (None if unknown)."""

    start: int
    end: int
    text: str
    kind: str  # "foreign_word" or "tortured_name"
    repair: str | None
    confidence: float
    stage: str


@dataclass(frozen=True, slots=True)
class Quality:
    label: str  # "clean", "machine_translated" or "spun"
    score: float
    spans: tuple[QualitySpan, ...]
    stage: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text: who or what, linked to an entity (knowledge base or corpus-made)."""

    start: int
    end: int
    text: str
    type: str  # person, organization, media, military_unit, place, equipment
    entity_id: str | None
    name: str | None  # the entity's canonical name
    confidence: float
    stage: str
    in_boilerplate: bool = False  # found in a removed caption, credit or teaser
    # The NER label that proposed the span ("place", "person", ...), None when another source found it.
    label: str | None = None
    # A place mention the places stage could not put on the map keeps no coordinates and says why
    # ("not_in_gazetteer", "common_word", "demonym", ...); None for every other mention.
    unresolved: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    end: int
    text: str
    name: str
    country: str | None
    lat: float
    lon: float
    geonames_id: int | None
    precision: (
        int  # 1 the town or facility itself, 2 near it or part of a region, 3 a stand-in (region's capital)
    )
    feature: str  # "city", "region", "country" or "facility"
    confidence: float
    stage: str
    in_boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """Who a figure or statement comes from: an entity when one is known, else the text's description."""

    text: str
    name: str | None
    entity_id: str | None


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure with what it counts, about whom, who claims it and through whom, as of when."""

    kind: str
    low: float | None
    high: float | None
    bound: str  # exact, at_least, at_most, about
    unit: str  # people, km2, share, GBP, ...
    subject: str | None
    side: str | None
    claimant: Source | None
    via: tuple[str, ...]
    as_of: str | None
    scope: str | None
    of_total: float | None  # partitives: 130 survived "of 570"
    place: str | None  # the place named in the same sentence, if any
    start: int  # the figure in the raw text
    end: int
    evidence_start: int  # the sentence
    evidence_end: int
    stage: str
    by: str | None = None  # the perpetrator the text names ("killed by Russian forces"), never the subject
    confidence: float = 1.0  # how the claim was read (stages/claim_confidence.py)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sourcing chain in the text: a source and the outlets that carried it, in order."""

    source: Source
    via: tuple[str, ...]
    start: int
    end: int
    stage: str


@dataclass(frozen=True, slots=True)
class Quote:
    """Words a source said, quoted in the text (direct) or reported ("a déclaré que ...": indirect),
    with who said them and through whom."""

    speaker: Source | None
    start: int
    end: int
    via: tuple[str, ...]
    stage: str
    direct: bool = True


@dataclass(frozen=True, slots=True)
class EventActor:
    """Who took part in an event: a linked entity, or a side read from the words ("troupes russes")."""

    text: str
    name: str | None
    entity_id: str | None
    side: str | None  # RU, UA or None


@dataclass(frozen=True, slots=True)
class Event:
    """One report of something that happened (or was denied, supposed or announced) in a sentence."""

    type: str  # newstrace's vocabulary (data/events/types.yaml), mapped to ACLED and PLOVER there
    status: str  # asserted, negated, hypothetical, future, historical (dated years before publication)
    start: int  # the trigger in the raw text
    end: int
    evidence_start: int  # the sentence
    evidence_end: int
    actor1: EventActor | None
    actor2: EventActor | None
    place: Place | None
    place_source: str | None  # sentence, coreference, context (a nearby sentence)
    date: str | None  # ISO, to its precision
    time_precision: int | None  # ACLED codes: 1 day, 2 week, 3 month
    fatalities: int | None
    claim_starts: tuple[int, ...]  # raw starts of the claims it is linked to (same sentence)
    cluster: int  # the same event told twice in the document shares a cluster number
    stage: str
    # How far the report can be trusted to be an event of this type (stages/events.py says how).
    confidence: float = 1.0
    # The type's codes in ACLED's and PLOVER's vocabularies (data/events/types.yaml), set with the type.
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    plover: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    source: str
    raw: str
    fmt: str
    source_id: str | None = None
    encoding: str | None = None
    meta: RecordMeta = field(default_factory=RecordMeta)
    clean: TextView | None = field(default=None, compare=False)
    title: Title | None = None
    removed: tuple[RemovedSpan, ...] = ()
    flags: tuple[Flag, ...] = ()
    language: LanguageGuess | None = None
    sentences: tuple[Sentence, ...] = ()
    date: DocDate | None = None
    quality: Quality | None = None
    mentions: tuple[Mention, ...] = ()
    places: tuple[Place, ...] = ()
    claims: tuple[Claim, ...] = ()
    # The figures the analysed text states outside its boilerplate, sorted, each once (the claims stage;
    # story assignment compares them across languages). None until that stage ran.
    figures: tuple[float, ...] | None = None
    attributions: tuple[Attribution, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    # float16 vector of the title and lead (the embedding stage); compared across languages.
    embedding: bytes | None = field(default=None, compare=False, repr=False)
    story_id: str | None = None
    # The clean text with spun passages repaired; later stages read this view when it exists.
    repaired: TextView | None = field(default=None, compare=False)
    duplicate_of: str | None = None
    content_hash: str | None = None
    # Capabilities the stages run so far have provided (see pipeline.stage).
    provided: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        """The clean text (the raw text until a cleaning stage ran)."""
        return self.clean.text if self.clean is not None else self.raw

    @property
    def analysis_view(self) -> TextView:
        """The view extraction stages read: repaired if the quality stage ran, else clean."""
        if self.repaired is not None:
            return self.repaired
        return self.require_clean()

    @property
    def lang(self) -> str | None:
        return self.language.lang if self.language is not None else None

    def require_clean(self) -> TextView:
        if self.clean is None:
            raise ValueError(f"document {self.id} has no clean text yet: run the normalise stage first")
        return self.clean
