"""PTB's request layer pointed at the in-process fake: PTB's own error mapping stays in the loop.

Because the fake answers with Telegram's status codes and bodies, PTB turns them into
BadRequest, Forbidden, RetryAfter or InvalidToken exactly as it does in production.
"""

from __future__ import annotations

import json
import re
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot.fakeapi.api import FakeBotApi, UploadedFile

__all__ = ["FakeRequest"]

_URL = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
_NOT_FOUND = json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}).encode()


class FakeRequest(BaseRequest):
    """Hands `{api_url}/bot{token}/{method}` requests to a FakeBotApi instead of the network."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        match = _URL.search(url.split("?", 1)[0])
        if match is None:
            return 404, _NOT_FOUND
        params: dict[str, Any] = {}
        if request_data is not None:
            # A deep copy: the fake keeps params in `calls`, PTB may reuse its objects.
            params = json.loads(json.dumps(request_data.parameters))
            for name, (filename, content, mime_type) in request_data.multipart_data.items():
                data = content if isinstance(content, bytes) else content.read()
                params[name] = UploadedFile(filename, data, mime_type)
        status, body = await self.api.call(match["token"], match["method"], params)
        return status, json.dumps(body).encode()
