"""What a run did: one report for local ingest, ``newstrace load`` and the Spark job.

A count a kind of run does not keep stays None and is left out of ``as_dict`` (ingest counts no
stories, load reads no files), so each command's JSON keeps its own keys in one shared order.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newstrace.model import Rejection

_MAX_EXAMPLES = 50


@dataclass
class RunReport:
    out: str | None = None  # the Spark job's output folder
    run_id: int | None = None  # the store's run
    files: int | None = None
    documents: int | None = None  # the Spark job: documents analysed, copies included
    accepted: int = 0
    duplicates: int = 0
    unchanged: int = 0
    stories: int | None = None
    claims: int | None = None
    rejected: Counter[str] = field(default_factory=Counter)
    rejected_examples: list[dict[str, Any]] | None = None
    edges: int | None = None  # story edges loaded
    store_was_empty: bool | None = None
    seconds: dict[str, float] | None = None  # per phase of the Spark job
    warnings: list[str] = field(default_factory=list)  # what the user should know (ingest)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def reject(self, rejection: Rejection) -> None:
        """Count a rejection, and keep the first ones as examples where the report keeps any."""
        self.rejected[rejection.reason] += 1
        if self.rejected_examples is not None and len(self.rejected_examples) < _MAX_EXAMPLES:
            self.rejected_examples.append(dataclasses.asdict(rejection))

    def as_dict(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "out": self.out,
            "run_id": self.run_id,
            "files": self.files,
            "documents": self.documents,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "stories": self.stories,
            "claims": self.claims,
            "rejected": self.rejected_total,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "rejected_examples": self.rejected_examples,
            "story_edges": self.edges,
            "store_was_empty": self.store_was_empty,
            "seconds": self.seconds,
            "warnings": self.warnings or None,
        }
        return {k: v for k, v in values.items() if v is not None}
