"""The facet filters of the list pages, their downloads and the API list endpoints, as one dependency:
the same query parameters mean the same rows everywhere (a download link is the page's own query); and
the story list's filters, one dependency for its page and its API."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import Depends, Query

from newstrace.services.lists import ListFilter
from newstrace.web.params import DateQ, LangQ, TextQ

CountryQ = Annotated[
    str | None, Query(pattern=r"^([A-Za-z]{2})?$", description="ISO 3166-1 alpha-2 code, e.g. UA")
]


def list_filter(
    lang: LangQ = None,
    since: DateQ = None,
    until: DateQ = None,
    country: CountryQ = None,
    outlet: TextQ = None,
    story: TextQ = None,
    label: Annotated[
        str | None,
        Query(max_length=200, description="documents: text quality; claims: kind; events: type"),
    ] = None,
    source: Annotated[str | None, Query(max_length=200, description="documents: part of the source")] = None,
    duplicates: Annotated[bool, Query(description="documents: include copies")] = True,
) -> ListFilter:
    return ListFilter(
        lang=lang or None,
        since=since or None,
        until=until or None,
        country=(country or "").upper() or None,
        outlet=outlet or None,
        story=story or None,
        label=label or None,
        source=source or None,
        duplicates=duplicates,
    )


ListFilterQ = Annotated[ListFilter, Depends(list_filter)]


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """The filters of the story list (API and page): stories with an article in the date range, naming
    the entity and the place, in the language."""

    since: str | None = None
    until: str | None = None
    entity: str | None = None
    place: str | None = None
    lang: str | None = None

    def params(self) -> dict[str, Any]:
        return asdict(self)


def story_filter(
    since: DateQ = None, until: DateQ = None, entity: TextQ = None, place: TextQ = None, lang: LangQ = None
) -> StoryFilter:
    return StoryFilter(since, until, entity, place, lang)


StoryFilterQ = Annotated[StoryFilter, Depends(story_filter)]
