"""Reminder offsets are elapsed time across the clock changes of 29 March and 25 October 2026."""

from datetime import UTC, datetime

import pytest
from telegram.ext import CallbackContext

from bot.core.clock import PRACTICE_TZ
from bot.jobs.reminders import send_due_reminders
from tests.flows.conftest import ONE_PRACTICE, Harness, answer_booking_questions, onboard

TWO_DAYS_BEFORE = ONE_PRACTICE.replace(
    'huisartsenpost = "0900-111 22 33"',
    'huisartsenpost = "0900-111 22 33"\nreminders_before = ["48h"]',
    1,
)


@pytest.fixture
def practice_toml() -> str:
    return TWO_DAYS_BEFORE


def _set_local(bot: Harness, *args: int) -> None:
    bot.clock.current = datetime(*args, tzinfo=PRACTICE_TZ).astimezone(UTC)


async def test_48_hours_before_a_monday_talk_after_the_clocks_go_back_is_saturday_11(
    bot: Harness,
) -> None:
    _set_local(bot, 2026, 10, 19, 10, 0)
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("Later")
    await user.tap("ma 26 okt")
    await user.tap("10:00")
    await user.tap("Bevestigen")
    context = CallbackContext(bot.application)
    _set_local(bot, 2026, 10, 24, 10, 59)  # wall-clock 48 hours before would be this hour
    assert (await send_due_reminders(context)).sent == 0
    _set_local(bot, 2026, 10, 24, 11, 0)  # 48 hours of elapsed time before Monday 10:00 CET
    assert (await send_due_reminders(context)).sent == 1
    assert user.last.text.startswith("Herinnering: je afspraak op maandag 26 oktober om 10:00")


async def test_48_hours_before_a_monday_talk_after_the_clocks_go_forward_is_saturday_9(
    bot: Harness,
) -> None:
    _set_local(bot, 2026, 3, 23, 10, 0)
    user = bot.user()
    await onboard(user)
    await answer_booking_questions(user)
    await user.tap("Later")
    await user.tap("ma 30 mrt")
    await user.tap("10:00")
    await user.tap("Bevestigen")
    context = CallbackContext(bot.application)
    _set_local(bot, 2026, 3, 28, 8, 59)
    assert (await send_due_reminders(context)).sent == 0
    _set_local(bot, 2026, 3, 28, 9, 0)  # 48 hours of elapsed time before Monday 10:00 CEST
    assert (await send_due_reminders(context)).sent == 1
    assert user.last.text.startswith("Herinnering: je afspraak op maandag 30 maart om 10:00")
