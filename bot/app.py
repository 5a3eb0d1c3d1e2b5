"""The only wiring place: settings + storage + clock -> a ready PTB Application."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.content import load_indexes
from bot.core.clock import PRACTICE_TZ, Clock, SystemClock
from bot.core.models import Language
from bot.handlers import booking, questions, routes
from bot.handlers.common import Services
from bot.i18n import Catalogs, Texts
from bot.jobs import reminders as reminder_jobs
from bot.ratelimit import UrgentFirstRateLimiter
from bot.seed import seed_practices
from bot.settings import Settings, SettingsError, load_practice_config
from bot.storage import Storage
from bot.updates import PerChatUpdateProcessor

log = logging.getLogger(__name__)

FLOW_PURGE_EVERY = timedelta(hours=1)
QUESTION_CHECK_EVERY = timedelta(minutes=15)
OFFER_CHECK_EVERY = timedelta(minutes=1)


def command_list(t: Texts) -> list[BotCommand]:
    return [
        BotCommand("start", t._("Start, or start again")),
        BotCommand("menu", t._("The main menu")),
        BotCommand("hulp", t._("Help now: crisis lines")),
        BotCommand("help", t._("How this bot works")),
        BotCommand("taal", t._("Choose your language")),
        BotCommand("privacy", t._("What the bot keeps about you")),
        BotCommand("stop", t._("Stop what you are doing")),
        BotCommand("verwijder", t._("Erase everything about you")),
    ]


def build_application(
    settings: Settings,
    *,
    storage: Storage | None = None,
    clock: Clock | None = None,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
    reminder_rate: float | None = reminder_jobs.DEFAULT_RATE,
) -> Application:
    """`request` swaps the HTTP layer (the fake Bot API in tests and the demo).

    `reminder_rate` paces reminders (messages a second); None sends them as fast as Telegram takes.
    """
    clock = clock or SystemClock()
    storage = storage or Storage.at(settings.database_path)
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=PRACTICE_TZ,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .post_init(prepare)
        .post_shutdown(teardown)
        .context_types(ContextTypes())
        .concurrent_updates(PerChatUpdateProcessor())
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(updates_request or request)
    if rate_limit:
        # Telegram's limits; a 429 is waited out and retried instead of losing the message.
        builder = builder.rate_limiter(UrgentFirstRateLimiter(max_retries=3))
    application = builder.build()
    application.bot_data["services"] = Services(
        storage=storage,
        clock=clock,
        catalogs=Catalogs(),
        settings=settings,
        faq=load_indexes(),
    )
    application.bot_data["reminders"] = reminder_jobs.ReminderSender(rate=reminder_rate)
    routes.register(application)
    return application


async def prepare(application: Application) -> None:
    """Open and migrate storage, seed a new database, tell Telegram our commands.

    PTB runs this as post_init in production; tests and the demo call it after initialize().
    """
    svc: Services = application.bot_data["services"]
    await svc.storage.open()
    config = None
    if svc.settings.practice_config is not None:
        config = load_practice_config(svc.settings.practice_config)
        svc.booking = config.booking_options()
    if await svc.storage.practices.count() == 0 and config is not None:
        practices, specialists = await seed_practices(svc.storage, config, svc.clock)
        log.info("seeded %d practices and %d specialists", practices, specialists)
    if await svc.storage.practices.count() == 0:
        raise SettingsError(
            "PRACTICE_CONFIG", "not set, and the database has no practices yet to serve"
        )
    # Claims older than this start were left by a process that died: their reminders go again.
    reminder_jobs.sender_of(application).started_at = svc.clock.now()
    purged = await svc.storage.flows.purge_expired(svc.clock.now())
    if purged:
        log.info("purged %d expired flows", purged)
    for language in Language:
        await application.bot.set_my_commands(
            command_list(svc.catalogs[language]), language_code=language.value
        )
    await application.bot.set_my_commands(command_list(svc.catalogs[Language.NL]))
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            _purge_expired_flows, interval=FLOW_PURGE_EVERY, first=FLOW_PURGE_EVERY
        )
        # The database says which questions wait; the job only looks, every quarter of an hour.
        application.job_queue.run_repeating(
            _remind_about_questions, interval=QUESTION_CHECK_EVERY, first=timedelta(seconds=30)
        )
        application.job_queue.run_repeating(
            _expire_waitlist_offers, interval=OFFER_CHECK_EVERY, first=timedelta(seconds=10)
        )
        # Reminders missed while the bot was down are caught up at once; after that each sweep
        # wakes the next one at the moment something is due.
        reminder_jobs.schedule(application, svc.clock.now(), svc.clock.now())


async def _purge_expired_flows(context: ContextTypes.DEFAULT_TYPE) -> None:
    svc: Services = context.application.bot_data["services"]
    await svc.storage.flows.purge_expired(svc.clock.now())


async def _remind_about_questions(context: ContextTypes.DEFAULT_TYPE) -> None:
    await questions.remind_specialists(context)


async def _expire_waitlist_offers(context: ContextTypes.DEFAULT_TYPE) -> None:
    await booking.expire_offers(context)


async def teardown(application: Application) -> None:
    svc: Services = application.bot_data["services"]
    await svc.storage.close()
