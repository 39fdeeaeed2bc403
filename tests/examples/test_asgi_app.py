"""The example ASGI back end, driven by a tiny in-test ASGI client (no server, no dependencies)."""

from __future__ import annotations

import asyncio
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import workplan as wp

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "asgi_app.py"


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("asgi_app", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def call(
    app: Any,
    method: str,
    path: str,
    body: bytes = b"",
    content_type: str = "text/plain; charset=utf-8",
    query: str = "",
    chunk: int = 65_536,
) -> tuple[int, dict[str, Any]]:
    """Send one request through ``app``; return (status, JSON body). The body arrives in chunks."""
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query.encode(),
        "headers": [(b"content-type", content_type.encode())],
    }
    pieces = [body[i : i + chunk] for i in range(0, len(body), chunk)] or [b""]
    messages = [
        {"type": "http.request", "body": piece, "more_body": i < len(pieces) - 1}
        for i, piece in enumerate(pieces)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start, payload = sent[0], sent[1]
    assert start["type"] == "http.response.start"
    assert (b"content-type", b"application/json; charset=utf-8") in start["headers"]
    return start["status"], json.loads(payload["body"])


def test_upload_text_parse_check_json(example: ModuleType) -> None:
    text = wp.datasets.source("changchun-edu-2020")
    status, body = call(example.app, "POST", "/plans", text.encode("utf-8"), query="year=2020")
    assert status == 200
    assert body["year"] == 2020 and body["counts"]["goal"] == 9
    assert body["summary"] == wp.check(wp.parse_text(text)).summary()
    assert {"code", "severity", "path", "message"} <= set(body["findings"][0])


def test_upload_gb18030_text_and_a_json_plan(example: ModuleType) -> None:
    text = wp.datasets.source("changchun-edu-2020")
    status, body = call(example.app, "POST", "/plans", text.encode("gb18030"))
    assert status == 200 and body["counts"]["goal"] == 9
    plan = wp.datasets.load("changchun-edu-2020")
    status, body = call(example.app, "POST", "/plans", wp.dumps(plan).encode(), "application/json")
    assert status == 200 and body["title"] == plan.title and body["diagnostics"] == []


@pytest.mark.parametrize(
    ("method", "path", "body", "content_type", "query", "status", "fragment"),
    [
        ("POST", "/plans", b'{"schema_version": 1, "title": 3}', "application/json", "", 400, "title"),
        ("POST", "/plans", b"{not json", "application/json", "", 400, "not valid JSON"),
        ("POST", "/plans", "今天天气很好。".encode(), "text/plain", "", 422, "no goals"),
        ("POST", "/plans", b"", "text/plain", "", 411, "empty body"),
        ("POST", "/plans", b"x", "application/pdf", "", 415, "text/plain"),
        ("POST", "/plans", b"x", "text/plain", "year=abc", 400, "year"),
        ("GET", "/plans", b"", "text/plain", "", 405, "POST"),
        ("GET", "/nope", b"", "text/plain", "", 404, "/nope"),
    ],
)
def test_errors_a_bureau_system_must_handle(
    example: ModuleType,
    method: str,
    path: str,
    body: bytes,
    content_type: str,
    query: str,
    status: int,
    fragment: str,
) -> None:
    got, answer = call(example.app, method, path, body, content_type, query)
    assert got == status
    assert fragment in answer["error"] + str(answer["where"])


def test_too_large_is_refused_while_reading(example: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(example, "MAX_BYTES", 1000)
    status, answer = call(example.app, "POST", "/plans", b"x" * 5000, chunk=400)
    assert status == 413 and "larger" in answer["error"]


def test_health(example: ModuleType) -> None:
    assert call(example.app, "GET", "/health") == (200, {"status": "ok", "workplan": wp.__version__})
