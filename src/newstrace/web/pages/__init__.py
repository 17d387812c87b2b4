"""Server-rendered page routers, one per area (stories, documents, entities, ledger, map, search)."""
