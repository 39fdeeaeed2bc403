"""A small back end a bureau system could run: upload a plan → parse → check → JSON.

Raw ASGI, no dependencies beyond workplan; serve it with any ASGI server:

    uvicorn examples.asgi_app:app          # or: hypercorn examples.asgi_app:app

    curl --data-binary @plan.txt -H 'Content-Type: text/plain; charset=utf-8' \\
         'http://127.0.0.1:8000/plans?year=2020'

Routes:
- ``POST /plans``: the body is plan text (``text/plain``, UTF-8 or GB18030) or a plan as JSON
  (``application/json``, as written by ``wp.dumps``). Answers 200 with the plan's counts, its
  check findings and the parser's diagnostics. ``?year=`` and ``?issuer=`` help texts that
  do not say them.
- ``GET /health``: the version.

The errors a bureau system must handle, each a JSON ``{"error": …, "where": …}``:
400 for a plan that does not load (``wp.LoadError`` says where), 404, 405, 411/413 for a
missing or too large body, 415 for another content type, 422 for text that holds no plan.

Parsing and checking are CPU work, so they run in a worker thread (``asyncio.to_thread``),
and the event loop keeps serving. That is safe: plans are immutable, and their caches (graph,
indexes) are filled idempotently on first use; the library changes no process-wide state (it
does not pause the garbage collector, and configures no logging).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

import workplan as wp

MAX_BYTES = 2_000_000
"""Uploads larger than this get 413: a real plan is 10–100 kB."""

log = logging.getLogger("workplan.examples.asgi")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class HTTPError(Exception):
    """An answer other than 200, with a JSON body."""

    def __init__(self, status: int, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.where = status, message, where


async def respond(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(data)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


async def read_body(scope: Scope, receive: Receive) -> bytes:
    """The request body, refusing more than `MAX_BYTES` (by header, and while reading)."""
    headers = dict(scope.get("headers") or [])
    declared = headers.get(b"content-length")
    if declared is not None and int(declared) > MAX_BYTES:
        raise HTTPError(413, f"plan larger than {MAX_BYTES:,} bytes")
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise HTTPError(400, "client went away")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BYTES:
            raise HTTPError(413, f"plan larger than {MAX_BYTES:,} bytes")
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    if not size:
        raise HTTPError(411, "empty body: send the plan's text or JSON")
    return b"".join(chunks)


def analyse(body: bytes, content_type: str, year: int | None, issuer: str | None) -> dict[str, Any]:
    """Parse (or load) and check one plan: the blocking part, run in a worker thread."""
    from workplan.parse import parse_with_diagnostics

    diagnostics: list[dict[str, Any]] = []
    if content_type == "application/json":
        plan = wp.loads(body)  # raises wp.LoadError with a JSON path
    else:
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = body.decode("gb18030", errors="strict")
        try:  # strict: text that holds no numbered goals or tasks is refused, not read as prose
            result = parse_with_diagnostics(text, year=year, issuer=issuer, strict=True)
        except wp.ParseError as error:
            raise HTTPError(422, f"no goals found: is this a work plan (工作要点)? {error.message}") from None
        plan = result.plan
        diagnostics = [
            {"code": d.code, "message": d.message, "start": d.span.start if d.span else None}
            for d in result.diagnostics
        ]
        if not plan.goals:
            raise HTTPError(422, "no goals found: is this a work plan (工作要点)?")
    report = wp.check(plan)
    return {
        "title": plan.title,
        "issuer": plan.issuer,
        "year": plan.year,
        "counts": plan.counts(),
        "summary": report.summary(),
        "findings": report.to_records(),
        "diagnostics": diagnostics,
    }


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    """The ASGI application."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    if scope["type"] != "http":
        return
    try:
        path, method = scope["path"], scope["method"]
        if path == "/health":
            if method != "GET":
                raise HTTPError(405, "use GET")
            await respond(send, 200, {"status": "ok", "workplan": wp.__version__})
            return
        if path != "/plans":
            raise HTTPError(404, f"no route {path}")
        if method != "POST":
            raise HTTPError(405, "use POST with the plan as the body")
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"text/plain").decode("latin-1").split(";")[0].strip()
        if content_type not in ("text/plain", "application/json"):
            raise HTTPError(415, f"send text/plain or application/json, not {content_type}")
        query = parse_qs(scope.get("query_string", b"").decode("utf-8"))
        year_text = query.get("year", [None])[0]
        if year_text is not None and not year_text.isdigit():
            raise HTTPError(400, f"year must be a number, got {year_text!r}", "year")
        year = int(year_text) if year_text else None
        issuer = query.get("issuer", [None])[0]
        body = await read_body(scope, receive)
        try:
            result = await asyncio.to_thread(analyse, body, content_type, year, issuer)
        except wp.WorkplanError as error:  # bad input, said where
            raise HTTPError(
                400, getattr(error, "message", str(error)), getattr(error, "where", None)
            ) from None
        except UnicodeDecodeError:
            raise HTTPError(400, "the text is neither UTF-8 nor GB18030") from None
        await respond(send, 200, result)
    except HTTPError as error:
        await respond(send, error.status, {"error": error.message, "where": error.where})
    except Exception:  # a bug: log it, answer 500 without internals
        log.exception("unexpected error")
        await respond(send, 500, {"error": "internal error", "where": None})
