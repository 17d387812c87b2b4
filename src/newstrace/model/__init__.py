"""The typed document model; depends on nothing else in newstrace."""

from newstrace.model.dates import PartialDate, Precision
from newstrace.model.document import (
    Attribution,
    Claim,
    DateSource,
    DocDate,
    Document,
    Flag,
    LanguageGuess,
    Mention,
    Place,
    Quality,
    QualitySpan,
    Quote,
    RecordMeta,
    RemovedSpan,
    Sentence,
    Source,
    Title,
    TitleSource,
)
from newstrace.model.records import RawRecord, Rejection, StoredStoryInput
from newstrace.model.textview import Edit, TextView

__all__ = [
    "Attribution",
    "Claim",
    "DateSource",
    "DocDate",
    "Document",
    "Edit",
    "Flag",
    "LanguageGuess",
    "Mention",
    "PartialDate",
    "Place",
    "Precision",
    "Quality",
    "QualitySpan",
    "Quote",
    "RawRecord",
    "RecordMeta",
    "Rejection",
    "RemovedSpan",
    "Sentence",
    "Source",
    "StoredStoryInput",
    "TextView",
    "Title",
    "TitleSource",
]
