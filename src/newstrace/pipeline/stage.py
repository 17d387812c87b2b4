"""The stage contract: a pure function ``Document -> Document`` with a name and declared capabilities.

Capabilities are plain strings ("clean", "boilerplate", "language", ...). The pipeline checks before
running anything that each stage's ``requires`` is provided by the stages configured before it, so the
order comes from configuration and a wrong order fails loudly instead of producing silent nonsense.
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
    provides: ClassVar[frozenset[str]] = frozenset()

    def __call__(self, doc: Document) -> Document:
        return self.process(doc)

    def process(self, doc: Document) -> Document:
        raise NotImplementedError

    def done(self, doc: Document, **changes: Any) -> Document:
        """Return ``doc`` with ``changes`` applied and this stage's capabilities recorded."""
        return dataclasses.replace(doc, provided=doc.provided | self.provides, **changes)
