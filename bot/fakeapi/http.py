"""The fake Bot API over HTTP on loopback, so that a real `python -m bot run` can be tested."""

from __future__ import annotations

import json
from typing import Any

import tornado.netutil
import tornado.web
from tornado.httpserver import HTTPServer

from bot.fakeapi.api import FakeBotApi


def _field(value: str) -> Any:
    """PTB sends strings raw and other values JSON-encoded; only objects and arrays are decoded."""
    if value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class _MethodHandler(tornado.web.RequestHandler):
    def initialize(self, api: FakeBotApi) -> None:
        self.api = api

    def _params(self) -> dict[str, Any]:
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and self.request.body:
            return dict(json.loads(self.request.body))
        params: dict[str, Any] = {}
        for name, values in self.request.body_arguments.items():
            params[name] = _field(values[-1].decode())
        for name, values in self.request.query_arguments.items():
            params.setdefault(name, _field(values[-1].decode()))
        for name, files in self.request.files.items():
            params[name] = (files[0].filename, files[0].body)
        return params

    async def _answer(self, token: str, method: str) -> None:
        status, body = await self.api.call(token, method, self._params())
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    async def post(self, token: str, method: str) -> None:
        await self._answer(token, method)

    async def get(self, token: str, method: str) -> None:
        await self._answer(token, method)

    def log_exception(self, *args: object) -> None:
        pass


class FakeBotApiServer:
    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self._app = tornado.web.Application(
            [(r"/bot([^/]+)/([A-Za-z]+)", _MethodHandler, {"api": api})]
        )
        self._server: HTTPServer | None = None

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        sockets = tornado.netutil.bind_sockets(port, host)
        self._server = HTTPServer(self._app)
        self._server.add_sockets(sockets)
        return int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None


__all__ = ["FakeBotApiServer"]
