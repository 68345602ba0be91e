"""The web application: GraphQL at /graphql, health at /healthz, the front end at /.

``create_app`` builds a Starlette app around one ``StateHolder``; a reload
swaps the holder's state, and every request reads it once, at its start.
The GraphQL endpoint is a thin adapter over ``api.schema``: it reads the body
under a size cap before parsing anything, refuses batches unless they are
switched on, answers repeated operations from the result cache and runs the
others in worker threads, off the event loop, and answers every problem as
GraphQL-shaped JSON.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import anyio
import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__
from .api.codes import (
    BAD_REQUEST,
    INTERNAL_SERVER_ERROR,
    LIMIT_CODES,
    OPERATION_NOT_ALLOWED,
)
from .api.context import ServedState, StateHolder
from .api.errors import INTERNAL_MESSAGE, logger
from .api.schema import (
    CompetencySchema,
    Operation,
    SchemaConfig,
    build_schema,
    cached_answer,
    error_answer,
    execute_batch,
    execute_json,
    keep_answer,
)
from .api.settings import Limits
from .collector import freeze_served
from .connections import SERVE_ENVIRONMENT, GuardedH11Protocol, HeadLimits
from .connections import configure as configure_connections
from .http_cache import (
    DEFAULT_MAX_AGE,
    NOT_CACHEABLE,
    cache_control,
    etag,
    framework_digest,
    known_digest,
    matches,
)
from .loader import load_or_raise
from .media_types import GRAPHQL_RESPONSE, JSON, graphql_response, negotiate
from .metrics import ANONYMOUS, CONTENT_TYPE, Metrics
from .model import Framework
from .observed import GraphQLOutcome, Observed, configure_json_log
from .reload import Reloader, configure_reload_logging, health

#: Scripts and styles only from this server: no inline code, nothing remote.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)

_JSON_TYPES = ("application/json", "application/graphql-response+json")

#: What /graphql answers to (HEAD is GET without the body).
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"

#: Operations run at once in one worker process, each in its own thread.
EXECUTION_THREADS = 32

FALLBACK_IDE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GraphQL API</title></head>
<body><h1>GraphQL API</h1>
<p>This is the GraphQL endpoint of competency-explorer. Send queries as JSON:
<code>POST /graphql</code> with <code>{"query": "{ framework { name } }"}</code>,
or <code>GET /graphql?query=...</code>.</p>
<p>The schema is in <code>schema.graphql</code> at the root of the project.</p>
</body></html>
"""


def default_frontend_dir() -> Path:
    # A wheel carries the front end inside the package; a source checkout has
    # it at the repository root.
    packaged = Path(__file__).parent / "frontend"
    return packaged if packaged.is_dir() else Path(__file__).parents[2] / "frontend"


def create_app(
    source: Framework | ServedState | StateHolder,
    *,
    limits: Limits | None = None,
    cors_origins: Sequence[str] = (),
    introspection: bool = True,
    frontend_dir: str | os.PathLike[str] | None = None,
    watch: Sequence[str] | None = None,
    cache_max_age: int = DEFAULT_MAX_AGE,
    log_format: str = "text",
) -> Starlette:
    """The web application serving ``source`` (a framework, a built state, or a
    holder that a reload can swap). With ``watch`` (paths; empty for the
    bundled sample), the framework is reloaded when those files change.
    GET answers may be cached for ``cache_max_age`` seconds; ``log_format``
    "json" writes a JSON object per request to standard output."""
    holder = _holder(source)
    metrics = Metrics()

    def reloaded(accepted: bool, state: ServedState) -> None:
        metrics.reloaded(accepted)
        if accepted:
            metrics.serving(
                state.framework, framework_digest(state.framework), version_of(state)
            )

    reloader = Reloader(holder, watch, listener=reloaded) if watch is not None else None
    metrics.serving(
        holder.current.framework,
        framework_digest(holder.current.framework),
        version_of(holder.current),
    )
    # Refusals made before the app sees a request (connections.py).
    GuardedH11Protocol.on_refusal = metrics.refused_by
    if log_format == "json":
        configure_json_log()
    limits = limits or Limits()
    schema = build_schema(SchemaConfig(limits, introspection))
    frontend = (
        Path(frontend_dir) if frontend_dir is not None else default_frontend_dir()
    )
    endpoint = GraphQLEndpoint(
        schema,
        holder,
        frontend / "graphiql.html",
        metrics=metrics,
        cache_max_age=cache_max_age,
    )

    async def metrics_page(request: Request) -> Response:
        return Response(
            metrics.exposition(),
            media_type=CONTENT_TYPE,
            headers={"cache-control": NOT_CACHEABLE},
        )

    async def healthz(request: Request) -> Response:
        state = holder.current  # read once: a reload may swap it meanwhile
        framework = state.framework
        return JSONResponse(
            {
                "status": "ok",
                "framework": framework.name,
                "roleCount": len(framework.roles),
                "skillCount": len(framework.skills),
                "version": __version__,
                **health(state),
            }
        )

    routes: list[Route | Mount] = [
        Route(
            "/graphql",
            endpoint.handle,
            # Every method reaches the endpoint, so that each gets its answer
            # (405 with the right Allow header for the ones not served).
            methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        ),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics_page, methods=["GET"]),
    ]
    if frontend.is_dir():
        routes.append(Mount("/", StaticFiles(directory=frontend, html=True)))
    else:
        routes.append(Route("/", _no_frontend, methods=["GET"]))
    # Outermost: it times the whole request, whatever answers it.
    middleware = [
        Middleware(Observed, metrics=metrics, log=log_format == "json"),
        Middleware(SecurityHeaders),
        Middleware(HeadLimits),
    ]
    if cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type"],
                max_age=600,
            )
        )
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=reloader.lifespan if reloader is not None else None,
    )
    app.state.holder = holder
    app.state.reloader = reloader
    app.state.schema = schema
    app.state.limits = limits
    app.state.metrics = metrics
    return app


def version_of(state: ServedState) -> int:
    """The served framework's version: 1 at start, one more per reload."""
    version = getattr(state, "version", 1)
    return version if isinstance(version, int) else 1


def _holder(source: Framework | ServedState | StateHolder) -> StateHolder:
    if isinstance(source, StateHolder):
        return source
    if isinstance(source, ServedState):
        return StateHolder(source)
    return StateHolder(ServedState.build(source))


async def _no_frontend(request: Request) -> Response:
    return HTMLResponse(
        "<!doctype html><title>competency-explorer</title>"
        "<p>No front end is installed; the API is at <a href=/graphql>/graphql</a>.</p>"
    )


class SecurityHeaders:
    """Adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TooLarge(Exception):
    pass


class GraphQLEndpoint:
    """POST and GET /graphql, answering GraphQL-shaped JSON whatever was sent."""

    def __init__(
        self,
        schema: CompetencySchema,
        holder: StateHolder,
        ide_page: Path,
        *,
        metrics: Metrics | None = None,
        cache_max_age: int = DEFAULT_MAX_AGE,
    ) -> None:
        self.schema = schema
        self.holder = holder
        self.limits = schema.config_.limits
        self.ide_page = ide_page
        self.metrics = metrics or Metrics()
        self.cache_control = cache_control(cache_max_age)
        # The threads that run operations; answers from the cache never wait
        # for one.
        self.threads = anyio.CapacityLimiter(EXECUTION_THREADS)

    async def handle(self, request: Request) -> Response:
        try:
            return await self.respond(request)
        except ClientDisconnect:
            # Nobody is left to answer: one line, not a traceback.
            logger.info(
                "client disconnected before sending the whole request to %s /graphql",
                request.method,
            )
            return Response(status_code=400)
        except Exception:
            # A fault of this adapter: logged here, never shown to the caller.
            logger.exception("unexpected error answering %s /graphql", request.method)
            media = negotiate(request.headers.get("accept"))
            note(request, None, INTERNAL_SERVER_ERROR)
            return problem(500, INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE, media=media)

    async def respond(self, request: Request) -> Response:
        media = negotiate(request.headers.get("accept"))
        if request.method in ("GET", "HEAD"):
            if "text/html" in request.headers.get("accept", ""):
                return self.ide()
            payload = dict(request.query_params)
            return await self.answer_one(request, payload, media, via_get=True)
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"allow": ALLOWED_METHODS})
        if request.method != "POST":
            return self.refuse(
                request, media, 405, BAD_REQUEST, "Use GET or POST", ALLOWED_METHODS
            )
        refused = body_format_problem(request.headers)
        if refused is not None:
            return self.refuse(request, media, 415, BAD_REQUEST, refused)
        try:
            body = await self.read_body(request)
        except TooLarge:
            return self.refuse(
                request,
                media,
                413,
                LIMIT_CODES["max_body_bytes"],
                f"The request body is larger than {self.limits.max_body_bytes} bytes",
            )
        except ValueError as exc:
            return self.refuse(request, media, 400, BAD_REQUEST, str(exc))
        try:
            payload = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            status, message = unreadable_body(body, exc)
            return self.refuse(request, media, status, BAD_REQUEST, message)
        if isinstance(payload, list):
            return await self.answer_batch(request, payload)
        return await self.answer_one(request, payload, media, via_get=False)

    def refuse(
        self,
        request: Request,
        media: str,
        status: int,
        code: str,
        message: str,
        allow: str | None = None,
    ) -> Response:
        """A request that is not a GraphQL operation at all: 4xx, not cached."""
        note(request, None, code)
        return problem(status, code, message, allow=allow, media=media)

    async def read_body(self, request: Request) -> bytes:
        """The body, refused (TooLarge) as soon as it passes the limit."""
        limit = self.limits.max_body_bytes
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                raise ValueError("The Content-Length header is not a number")
            if int(declared) > limit:
                raise TooLarge
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise TooLarge
            chunks.append(chunk)
        return b"".join(chunks)

    def ide(self) -> Response:
        if self.ide_page.is_file():
            return FileResponse(self.ide_page, media_type="text/html")
        return HTMLResponse(FALLBACK_IDE)

    async def answer_one(
        self, http: Request, payload: Any, media: str, *, via_get: bool
    ) -> Response:
        request = parse_request(payload, via_get=via_get)
        if isinstance(request, str):
            return self.refuse(http, media, 400, BAD_REQUEST, request)
        query, variables, operation_name = request
        state = self.holder.current  # read once: a reload may swap it meanwhile
        tag = None
        if via_get:
            # Known before anything runs: a client (or cache) that has the
            # answer already is told so at once.
            digest = known_digest(state.framework)
            if digest is None:  # the first GET: made once, off the event loop
                digest = await anyio.to_thread.run_sync(
                    framework_digest, state.framework
                )
            tag = etag(digest, media, query, variables, operation_name)
            if matches(http.headers.get("if-none-match"), tag):
                note(http, (query, operation_name), "data", self.metrics)
                return Response(status_code=304, headers=self.cache_headers(tag))
        body, code = await self.execute(state, *request)
        note(http, (query, operation_name), code or "data", self.metrics)
        status = 200
        if media == GRAPHQL_RESPONSE:
            body, status = graphql_response(body, code)
        if via_get and code == OPERATION_NOT_ALLOWED:
            status = 405
        response = Response(body, status_code=status, media_type=media)
        if tag is not None and code is None:
            response.headers.update(self.cache_headers(tag))
        else:
            response.headers["cache-control"] = NOT_CACHEABLE
            response.headers["vary"] = "Accept"
        return response

    def cache_headers(self, tag: str) -> dict[str, str]:
        return {"etag": tag, "cache-control": self.cache_control, "vary": "Accept"}

    async def answer_batch(self, http: Request, payloads: list[Any]) -> Response:
        if not self.limits.batching:
            return self.refuse(
                http,
                JSON,
                400,
                LIMIT_CODES["batching"],
                "Batched requests (a JSON array) are not accepted; send one operation "
                "per request",
            )
        if not payloads or len(payloads) > self.limits.max_batch:
            return self.refuse(
                http,
                JSON,
                400,
                LIMIT_CODES["max_batch"],
                f"A batch holds 1 to {self.limits.max_batch} operations, "
                f"not {len(payloads)}",
            )
        state = self.holder.current  # one state for the whole batch
        answers: list[bytes | None] = []
        missing: list[tuple[int, Operation]] = []
        for payload in payloads:
            request = parse_request(payload, via_get=False)
            if isinstance(request, str):
                answers.append(orjson.dumps(error_answer(BAD_REQUEST, request)))
                continue
            answers.append(cached_answer(self.schema, state, *request))
            if answers[-1] is None:
                missing.append((len(answers) - 1, request))
        if missing:
            # One thread and one time budget for the whole request.
            run = [request for _, request in missing]
            encoded = await anyio.to_thread.run_sync(
                partial(execute_batch, self.schema, state, run), limiter=self.threads
            )
            for (i, request), outcome in zip(missing, encoded, strict=True):
                keep_answer(self.schema, state, *request, outcome)
                answers[i] = outcome.body
        note(http, None, "data")
        return Response(
            b"[" + b",".join(answer or b"" for answer in answers) + b"]",
            status_code=200,
            media_type="application/json",
            headers={"cache-control": NOT_CACHEABLE},
        )

    async def execute(
        self,
        state: ServedState,
        query: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
    ) -> tuple[bytes, str | None]:
        """One operation's answer: from the result cache, on the event loop, or
        run in a worker thread, so that a long one never holds up the others."""
        request = (query, variables, operation_name)
        cached = cached_answer(self.schema, state, *request)
        self.metrics.result_cache.labels("miss" if cached is None else "hit").inc()
        if cached is not None:
            return cached, None
        encoded = await anyio.to_thread.run_sync(
            partial(execute_json, self.schema, state, *request),
            limiter=self.threads,
        )
        keep_answer(self.schema, state, *request, encoded)
        return encoded


def body_format_problem(headers: Mapping[str, str]) -> str | None:
    """Why a POST body in this format cannot be read, or None: it must be JSON
    (or GraphQL's JSON media type), in UTF-8, and not compressed."""
    content_type = headers.get("content-type", "")
    media_type, _, parameters = content_type.partition(";")
    if media_type.strip().lower() not in _JSON_TYPES:
        return "Send the request body as JSON (Content-Type: application/json)"
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        charset = value.strip().strip('"').lower()
        if name.strip().lower() == "charset" and charset not in ("utf-8", "utf8"):
            return (
                f"The request body must be UTF-8, not {value.strip()!r}; send it "
                "as UTF-8 (charset=utf-8), which JSON requires"
            )
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        return (
            f"Compressed request bodies (Content-Encoding: {encoding}) are not "
            "accepted; send the JSON as it is"
        )
    return None


def unreadable_body(body: bytes, error: orjson.JSONDecodeError) -> tuple[int, str]:
    """The status and message for a POST body that orjson could not read."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return 415, (
            f"The request body is not UTF-8 (byte {exc.start}); send JSON as "
            "UTF-8, which JSON requires"
        )
    if str(error).startswith("depth limit exceeded"):
        return 400, (
            "The request body is nested too deeply: at most 1024 levels of "
            "arrays and objects are read"
        )
    return 400, "The request body is not valid JSON"


def parse_request(payload: Any, *, via_get: bool) -> Operation | str:
    """(query, variables, operationName) from a request, or what is wrong with it."""
    if not isinstance(payload, dict):
        return "The request must be a JSON object with a 'query'"
    query = payload.get("query")
    if not isinstance(query, str) or not query.strip():
        return "The request has no 'query' (a GraphQL document as a string)"
    variables = payload.get("variables")
    if via_get and isinstance(variables, str):
        try:
            variables = json.loads(variables)
        except ValueError:
            return "The 'variables' parameter is not valid JSON"
    if variables is not None and not isinstance(variables, dict):
        return "'variables' must be a JSON object"
    operation_name = payload.get("operationName")
    if operation_name == "" or operation_name is None:
        operation_name = None
    elif not isinstance(operation_name, str):
        return "'operationName' must be a string"
    # No extension is used; still, one that is not a map is a malformed request.
    extensions = payload.get("extensions")
    if via_get and isinstance(extensions, str):
        try:
            extensions = json.loads(extensions)
        except ValueError:
            return "The 'extensions' parameter is not valid JSON"
    if extensions is not None and not isinstance(extensions, dict):
        return "'extensions' must be a JSON object"
    return query, variables, operation_name


def json_response(body: Any, status: int, media: str = JSON) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type=media)


def problem(
    status: int,
    code: str,
    message: str,
    *,
    allow: str | None = None,
    media: str = JSON,
) -> Response:
    """A request that was never executed: one error, no data in
    graphql-response+json (``data: null`` in JSON, as it always had)."""
    answer = error_answer(code, message)
    if media == GRAPHQL_RESPONSE:
        del answer["data"]
    response = json_response(answer, status, media)
    response.headers["cache-control"] = NOT_CACHEABLE
    if allow is not None:
        response.headers["allow"] = allow
    return response


#: The longest operation name a request log keeps.
MAX_LOGGED_NAME = 200


def note(
    request: Request,
    operation: tuple[str, str | None] | None,
    outcome: str,
    metrics: Metrics | None = None,
) -> None:
    """What the endpoint did, for the metrics and the request log (observed.py)."""
    name = operation[1] if operation is not None else None
    label = ANONYMOUS
    if operation is not None and metrics is not None:
        label = metrics.operation_label(*operation)
        if name is None and label != ANONYMOUS and not label.startswith("("):
            name = label  # the document's own name
    logged = name[:MAX_LOGGED_NAME] if name is not None else None
    request.state.graphql = GraphQLOutcome(logged, label, outcome)


def app_from_environment() -> Starlette:
    """The app for each worker process: ``competency serve --workers N`` puts its
    settings in the environment as JSON, and uvicorn calls this factory."""
    settings = json.loads(os.environ.get(SERVE_ENVIRONMENT, "{}"))
    if settings.get("watch"):
        # A worker is a fresh process: the parent's logging setup is not here,
        # and each worker's reloader reports its own reloads.
        configure_reload_logging()
    framework = load_or_raise(settings.get("paths") or None)
    limits = Limits.from_dict(settings.get("limits", {}))
    configure_connections(limits)
    app = create_app(
        framework,
        limits=limits,
        cors_origins=tuple(settings.get("cors_origins", ())),
        introspection=bool(settings.get("introspection", True)),
        frontend_dir=settings.get("frontend_dir"),
        watch=settings.get("paths", []) if settings.get("watch") else None,
        cache_max_age=int(settings.get("cache_max_age", DEFAULT_MAX_AGE)),
        log_format=str(settings.get("log_format", "text")),
    )
    # Everything this worker holds from now on was made above and never
    # changes: out of the collector's sight (see collector.py).
    freeze_served()
    return app
