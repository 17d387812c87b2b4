"""The stage contract: a pure function ``Document -> Document`` with a name and declared capabilities.

Capabilities are the names of ``Document`` fields (spaCy's ``requires``/``assigns``): a stage
``requires`` the fields it cannot work without, ``reads`` those it uses when an earlier stage filled
them (the extractors read the repaired text where the quality stage ran, the clean text otherwise), and
``provides`` the fields it fills. The pipeline checks before running anything that every name is a
field, that each stage's ``requires`` is provided by the stages configured before it, and that no field
a stage ``reads`` is provided only after it, so the order comes from configuration and a wrong order
fails loudly instead of producing silent nonsense. ``Document.provided`` records the fields filled.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Protocol, runtime_checkable

from newstrace.model import Document

RAW = "raw"


@runtime_checkable
class Stage(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> frozenset[str]: ...

    @property
    def provides(self) -> frozenset[str]: ...

    def __call__(self, doc: Document) -> Document: ...


class BaseStage:
    """Convenience base: subclasses set the three class attributes and implement ``process``."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset({RAW})
    reads: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()

    def __call__(self, doc: Document) -> Document:
        return self.process(doc)

    def process(self, doc: Document) -> Document:
        raise NotImplementedError

    def done(self, doc: Document, **changes: Any) -> Document:
        """Return ``doc`` with ``changes`` applied and this stage's capabilities recorded."""
        return dataclasses.replace(doc, provided=doc.provided | self.provides, **changes)
