"""The one error type of the fake Bot API, shared by the HTML parser and the server state."""

from __future__ import annotations


class FakeApiError(Exception):
    """A refusal worded as Telegram words it, so PTB maps it to the same exception as in production.

    `status` is the HTTP status (400, 403, 429, ...) and `description` the text Telegram sends,
    e.g. "Bad Request: message is too long".
    """

    def __init__(self, status: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> dict[str, object]:
        """The body Telegram sends with a non-2xx status."""
        body: dict[str, object] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body
