"""The fake Bot API over HTTP on loopback, so that a real `python -m bot run` can be tested.

PTB's HTTPXRequest sends form fields (multipart when there are files): strings raw, everything
else JSON-encoded. Objects and arrays are decoded here; the API turns numbers and booleans back
per field, the same as for in-process calls.
"""

from __future__ import annotations

import json
from typing import Any

import tornado.netutil
import tornado.web
from tornado.httpserver import HTTPServer

from bot.fakeapi.api import FakeBotApi, UploadedFile

__all__ = ["FakeBotApiServer"]


def _field(value: str) -> Any:
    """Only JSON objects and arrays are decoded: a text such as "123" must stay a string."""
    if value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class _JsonHandler(tornado.web.RequestHandler):
    def _reply(self, status: int, body: dict[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    def log_exception(self, *args: object) -> None:
        """Tracebacks of a test's fake server are noise; the status code tells the story."""


class _MethodHandler(_JsonHandler):
    def initialize(self, api: FakeBotApi) -> None:
        self.api = api

    def _params(self) -> dict[str, Any]:
        params: dict[str, Any] = {
            name: _field(values[-1].decode())
            for name, values in self.request.query_arguments.items()
        }
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json"):
            if self.request.body:
                body = json.loads(self.request.body)
                if not isinstance(body, dict):
                    raise ValueError("a JSON body must be an object")
                params.update(body)
            return params
        for name, values in self.request.body_arguments.items():
            params[name] = _field(values[-1].decode())
        for name, files in self.request.files.items():
            part = files[0]
            params[name] = UploadedFile(part.filename, part.body, part.content_type)
        return params

    async def _answer(self, token: str, method: str) -> None:
        try:
            params = self._params()
        except (ValueError, UnicodeDecodeError):
            self._reply(400, {"ok": False, "error_code": 400, "description": "Bad Request"})
            return
        status, body = await self.api.call(token, method, params)
        self._reply(status, body)

    async def post(self, token: str, method: str) -> None:
        await self._answer(token, method)

    async def get(self, token: str, method: str) -> None:
        await self._answer(token, method)


class _NotFound(_JsonHandler):
    def prepare(self) -> None:
        self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})


class FakeBotApiServer:
    """Serves one FakeBotApi at http://host:port/bot<token>/<method>, in the running event loop."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self._app = tornado.web.Application(
            [(r"/bot([^/]+)/([A-Za-z]+)", _MethodHandler, {"api": api})],
            default_handler_class=_NotFound,
        )
        self._server: HTTPServer | None = None

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Listen on loopback; port 0 picks a free port, which is returned."""
        sockets = tornado.netutil.bind_sockets(port, host)
        self._server = HTTPServer(self._app)
        self._server.add_sockets(sockets)
        return int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
