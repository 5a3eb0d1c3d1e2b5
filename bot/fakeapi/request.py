"""PTB's request layer pointed at the in-process fake: PTB's own error mapping stays in the loop."""

from __future__ import annotations

import json
import re
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot.fakeapi.api import FakeBotApi

_URL = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")


class FakeRequest(BaseRequest):
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
        match = _URL.search(url)
        if match is None:
            return 404, json.dumps(
                {"ok": False, "error_code": 404, "description": "Not Found"}
            ).encode()
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            for name, (filename, content, _mime) in (request_data.multipart_data or {}).items():
                data = content if isinstance(content, bytes) else content.read()
                params[name] = (filename, data)
        status, body = await self.api.call(match["token"], match["method"], params)
        return status, json.dumps(body).encode()
