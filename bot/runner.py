"""Running the real bot: long polling by default, a webhook server when WEBHOOK_URL is set."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal

import tornado.netutil
import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

from bot.app import prepare, teardown
from bot.handlers.common import Services
from bot.settings import WebhookSettings

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"


def run_polling(application: Application) -> None:
    # No drop_pending_updates: what people sent while the bot was down is still answered.
    application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)


class _UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, bot_app: Application, secret: str) -> None:
        self.bot_app = bot_app
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.set_status(403)
            return
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot_app.bot)
        except (ValueError, TypeError, KeyError):
            self.set_status(400)
            return
        await self.bot_app.update_queue.put(update)
        self.set_status(200)

    def log_exception(self, *args: object) -> None:  # no request bodies in logs
        log.error("webhook request failed")


class _HealthHandler(tornado.web.RequestHandler):
    def initialize(self, bot_app: Application) -> None:
        self.bot_app = bot_app

    async def get(self) -> None:
        svc: Services = self.bot_app.bot_data["services"]
        try:
            healthy = await svc.storage.db.ping()
        except Exception:
            healthy = False
        if not healthy:
            self.set_status(503)
            self.write({"status": "database unavailable"})
            return
        self.write({"status": "ok", "running": self.bot_app.running})


class WebhookServer:
    """Our own small tornado app, so that a health endpoint sits beside the update endpoint."""

    def __init__(self, application: Application, webhook: WebhookSettings) -> None:
        self._app = tornado.web.Application(
            [
                (
                    f"/{webhook.path}",
                    _UpdateHandler,
                    {"bot_app": application, "secret": webhook.secret},
                ),
                (HEALTH_PATH, _HealthHandler, {"bot_app": application}),
            ]
        )
        self._webhook = webhook
        self._server: HTTPServer | None = None

    async def start(self) -> int:
        sockets = tornado.netutil.bind_sockets(self._webhook.port, self._webhook.listen)
        self._server = HTTPServer(self._app, xheaders=True)
        self._server.add_sockets(sockets)
        return int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()


async def serve_webhook(
    application: Application,
    webhook: WebhookSettings,
    *,
    stop: asyncio.Event | None = None,
    on_ready: object = None,
) -> None:
    """Initialise, register the webhook with Telegram, serve until stopped, shut down cleanly."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(sig, stop.set)
    async with application:
        await prepare(application)
        try:
            await application.start()
            server = WebhookServer(application, webhook)
            port = await server.start()
            try:
                await application.bot.set_webhook(
                    url=webhook.url,
                    secret_token=webhook.secret,
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=False,
                )
                log.info("webhook server listening on %s:%d", webhook.listen, port)
                if callable(on_ready):
                    on_ready(port)
                await stop.wait()
            finally:
                await server.stop()
                await application.stop()
        finally:
            await teardown(application)
