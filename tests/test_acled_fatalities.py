"""The ACLED fatalities check on notes written for it."""

from __future__ import annotations

from collections.abc import Callable

from newstrace.evaluation.acled_fatalities import conservative_count, fatalities_found, score_fatalities
from newstrace.model import Document

Run = Callable[..., Document]


def test_coded_fatalities_found_as_killed_claims(run_text: Run) -> None:
    one = run_text(" date 2023-07-13\n\nOn 13 July 2023, artillery hit a village. A civilian was killed.\n")
    assert fatalities_found(one, 1) and not fatalities_found(one, 2)
    bounded = run_text(" date 2024-03-15\n\nSources said more than 40 soldiers were killed near the river.\n")
    assert fatalities_found(bounded, 40) and conservative_count(bounded) == 41
    two = run_text(
        " date 2022-03-21\n\nOn 21 March 2022, troops killed a resident of the village. Another resident "
        "was killed the next day.\n"
    )
    assert fatalities_found(two, 2)
    scores = score_fatalities([({"id": "a", "fatalities": 1}, one), ({"id": "b", "fatalities": 0}, None)])
    assert scores["found_as_killed_claim"] == 1 and scores["exact_rate_all_notes"] == 1.0
