"""The analyst's web app and HTTP API (FastAPI): server-rendered pages and a JSON API over the store,
read-only unless started with a write token. Interfaces call services only; no SQL here."""
