"""JSON API routers, one per area (stories, documents, entities, claims, map, search, ingest)."""
