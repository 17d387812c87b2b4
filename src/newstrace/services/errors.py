"""The one error the CLI and the web app catch from any service: a missing, broken or unreadable store,
an unknown reference or a bad query all reach them as ``StoreError`` (raised where the store finds it),
so neither interface imports the store to catch it."""

from __future__ import annotations

from newstrace.store.sqlite import StoreError

__all__ = ["StoreError"]
