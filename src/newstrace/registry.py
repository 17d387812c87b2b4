"""Every built-in reader, stage and corpus stage, in one place. A snapshot test keeps this list honest.

Stages are built by name from the settings, so their order is configuration, never import order.
Factories import lazily: building a pipeline loads only the stages it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newstrace.pipeline.pipeline import Pipeline
from newstrace.pipeline.stage import Stage
from newstrace.readers.base import Reader
from newstrace.settings import Settings

if TYPE_CHECKING:
    from newstrace.corpus.stage import CorpusStage
    from newstrace.store.documents import DocumentStore


def _normalise(settings: Settings) -> Stage:
    from newstrace.stages.normalise import NormaliseStage

    return NormaliseStage()


def _boilerplate(settings: Settings) -> Stage:
    from newstrace.stages.boilerplate import BoilerplateStage

    return BoilerplateStage()


def _language(settings: Settings) -> Stage:
    from newstrace.stages.language import LanguageStage

    return LanguageStage()


def _sentences(settings: Settings) -> Stage:
    from newstrace.stages.sentences import SentenceStage

    return SentenceStage()


def _dates(settings: Settings) -> Stage:
    from newstrace.stages.dates import DatesStage

    return DatesStage()


def _quality(settings: Settings) -> Stage:
    from newstrace.stages.quality import QualityStage

    return QualityStage()


def _entities(settings: Settings) -> Stage:
    import functools

    from newstrace.linking.gazetteer import gazetteer
    from newstrace.linking.kb_index import kb_index
    from newstrace.linking.ner import recognisers
    from newstrace.stages.entities import EntitiesStage

    return EntitiesStage(kb_index(), functools.partial(gazetteer, settings.cache_dir), recognisers())


def _places(settings: Settings) -> Stage:
    import functools

    from newstrace.linking.gazetteer import gazetteer
    from newstrace.stages.places import PlacesStage

    return PlacesStage(functools.partial(gazetteer, settings.cache_dir))


def _claims(settings: Settings) -> Stage:
    from newstrace.stages.claims import ClaimsStage

    return ClaimsStage()


def _events(settings: Settings) -> Stage:
    from newstrace.stages.events import EventsStage

    return EventsStage()


def _embedding(settings: Settings) -> Stage:
    from newstrace.stages.embedding import EmbeddingStage, encoder_for

    return EmbeddingStage(encoder_for(settings.stories))


STAGES: dict[str, Callable[[Settings], Stage]] = {
    "normalise": _normalise,
    "boilerplate": _boilerplate,
    "language": _language,
    "sentences": _sentences,
    "dates": _dates,
    "quality": _quality,
    "entities": _entities,
    "places": _places,
    "claims": _claims,
    "events": _events,
    "embedding": _embedding,
}


def _text() -> Reader:
    from newstrace.readers.text import TextReader

    return TextReader()


def _jsonl() -> Reader:
    from newstrace.readers.jsonl import JsonLinesReader

    return JsonLinesReader()


def _html() -> Reader:
    from newstrace.readers.html import HtmlReader

    return HtmlReader()


def _warc() -> Reader:
    from newstrace.readers.warc import WarcReader

    return WarcReader()


def _feed() -> Reader:
    from newstrace.readers.feed import FeedReader

    return FeedReader()


READERS: dict[str, Callable[[], Reader]] = {
    "text": _text,
    "jsonl": _jsonl,
    "html": _html,
    "warc": _warc,
    "feed": _feed,
}


def _entity_merge(settings: Settings, store: DocumentStore) -> CorpusStage:
    from newstrace.corpus.stage import EntityMergeStage

    return EntityMergeStage(store.corpus_entities())


def _duplicates(settings: Settings, store: DocumentStore) -> CorpusStage:
    from newstrace.corpus.dedup import Deduplicator
    from newstrace.corpus.stage import DuplicatesStage

    dedup = Deduplicator(settings.minhash_perm, settings.near_duplicate_threshold, store.signature)
    dedup.load(store.signatures())
    return DuplicatesStage(dedup, store.owner_of_hash)


def _stories(settings: Settings, store: DocumentStore) -> CorpusStage:
    from newstrace.corpus.stage import StoriesStage
    from newstrace.corpus.story_assigner import StoryAssigner

    assigner = StoryAssigner(store.signature, store.analysed_text, settings.stories)
    assigner.load(store.story_inputs())
    return StoriesStage(assigner)


def _event_groups(settings: Settings, store: DocumentStore) -> CorpusStage:
    from newstrace.corpus.stage import EventGroupsStage
    from newstrace.store.events import known_event_groups

    return EventGroupsStage(known_event_groups(store.conn))


# In input order, each after the decisions it reads. Stories need the embedding stage's vectors.
CORPUS_STAGES: dict[str, Callable[[Settings, DocumentStore], CorpusStage]] = {
    "entity_merge": _entity_merge,
    "duplicates": _duplicates,
    "stories": _stories,
    "event_groups": _event_groups,
}
# The corpus stages the Spark job decides itself, at scale (spark/run.py); ``newstrace load`` runs the
# others on the job's documents.
SPARK_JOB_STAGES = ("entity_merge", "duplicates", "stories")


def corpus_stage_names(settings: Settings, after_spark: bool = False) -> list[str]:
    """The corpus stages a run with ``settings`` makes (``after_spark``: those left to the loader)."""
    names = [n for n in CORPUS_STAGES if n != "stories" or "embedding" in settings.stages]
    return [n for n in names if n not in SPARK_JOB_STAGES] if after_spark else names


def build_corpus_stages(names: Sequence[str], settings: Settings, store: DocumentStore) -> list[CorpusStage]:
    """The named corpus stages, each holding what ``store`` already has."""
    unknown = [n for n in names if n not in CORPUS_STAGES]
    if unknown:
        raise UnknownComponent(f"unknown corpus stage(s) {unknown}; known: {sorted(CORPUS_STAGES)}")
    return [CORPUS_STAGES[n](settings, store) for n in names]


class UnknownComponent(KeyError):
    pass


def build_stages(names: Sequence[str], settings: Settings) -> list[Stage]:
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise UnknownComponent(f"unknown stage(s) {unknown}; known: {sorted(STAGES)}")
    return [STAGES[n](settings) for n in names]


def build_pipeline(settings: Settings) -> Pipeline:
    return Pipeline(build_stages(settings.stages, settings))


def build_reader(name: str) -> Reader:
    if name not in READERS:
        raise UnknownComponent(f"unknown reader {name!r}; known: {sorted(READERS)}")
    return READERS[name]()
