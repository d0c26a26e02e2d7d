"""Errors to HTTP, in one table: every application error becomes RFC 9457 problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ncb.errors import (
    AuthenticationFailed,
    ComplianceBlocked,
    ConfigurationError,
    Conflict,
    NcbError,
    NotFound,
    PermissionDenied,
    RateLimited,
    TooLarge,
    ValidationError,
)

STATUS: tuple[tuple[type[NcbError], int], ...] = (
    (TooLarge, 413),
    (ValidationError, 422),
    (NotFound, 404),
    (Conflict, 409),
    (ComplianceBlocked, 409),
    (PermissionDenied, 403),
    (RateLimited, 429),
    (ConfigurationError, 500),
)


class Unauthorized(NcbError):
    title = "Unauthorized"


def status_of(exc: NcbError) -> int:
    if isinstance(exc, Unauthorized | AuthenticationFailed):
        return 401
    for cls, status in STATUS:
        if isinstance(exc, cls):
            return status
    return 400


def problem(status: int, title: str, detail: str, *, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v is not None})
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem", "description": "RFC 9457 problem details", "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "field": {"type": "string"}, "record": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "field": {"type": "string"}, "message": {"type": "string"}}}},
        "problems": {"type": "array"},
    },
}


def document_problems(spec: dict[str, Any]) -> dict[str, Any]:
    """Make the OpenAPI document say what the API answers to invalid input: problem+json (FastAPI documents its
    own ``HTTPValidationError`` body, which this application never sends)."""
    spec.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            if "422" in responses:
                responses["422"] = {"description": "Invalid input", "content": {"application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem"}}}}
    for unused in ("HTTPValidationError", "ValidationError"):
        spec["components"]["schemas"].pop(unused, None)
    return spec


def install(app: FastAPI) -> None:
    openapi = app.openapi

    def openapi_with_problems() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_problems(openapi())
        return app.openapi_schema

    app.openapi = openapi_with_problems  # type: ignore[method-assign]

    @app.exception_handler(NcbError)
    async def _ncb_error(_request: Request, exc: NcbError) -> JSONResponse:
        problems = getattr(getattr(exc, "report", None), "problems", None)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        return problem(status_of(exc), exc.title, str(exc), headers=headers, field=exc.field, record=exc.record,
                       problems=problems[:100] if problems else None)

    @app.exception_handler(RequestValidationError)
    async def _request_invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"), "message": e.get("msg")}
                  for e in exc.errors()]
        first = errors[0] if errors else {"field": None, "message": "invalid request"}
        return problem(422, "Invalid input", f"{first['field']}: {first['message']}", field=first["field"],
                       errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, "Not found" if exc.status_code == 404 else "Error", str(exc.detail))
