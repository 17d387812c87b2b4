"""The API against its own OpenAPI schema with schemathesis, in process (ASGI): generated requests to
every read endpoint must never make a server error and every answer must match the schema (status
codes, content types, bodies). Bounded examples keep it to seconds.

Operations are run one by one with their hypothesis strategies (``as_strategy``) rather than through
schemathesis' pytest plugin, whose fixture loader does not support the pytest this project uses."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from web.endpoints import READ_ENDPOINTS


@pytest.fixture(scope="session")
def api_schema(web_app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/api/openapi.json", web_app)


def test_every_read_endpoint_is_checked(api_schema: Any) -> None:
    gets = {path for path, methods in api_schema.raw_schema["paths"].items() if "get" in methods}
    assert gets == set(READ_ENDPOINTS)


@pytest.mark.parametrize("path", READ_ENDPOINTS)
def test_api_conforms_to_its_schema(api_schema: Any, path: str) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        case.call_and_validate()

    check()
