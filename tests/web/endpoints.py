"""The API's read endpoints, as the OpenAPI schema names them (the schema and property tests use it)."""

READ_ENDPOINTS = [
    "/api/stories",
    "/api/stories/{story_id}",
    "/api/documents",
    "/api/documents/{doc_id}",
    "/api/entities",
    "/api/entities/{entity_id}",
    "/api/claims",
    "/api/claims/quantities",
    "/api/places",
    "/api/events",
    "/api/search",
    "/api/corrections",
    "/api/corrections/candidates",
    "/api/review",
]
