"""Practices of one group (the locations of one health centre) book for each other's patients:
"Bij welke praktijk?" comes first, own practice first, only where a specialist has hours."""

import pytest

from bot.fakeapi.harness import FakeUser
from tests.flows.conftest import (
    ONE_PRACTICE,
    SECOND_PRACTICE,
    Harness,
    link_specialist,
    onboard,
)

GROUP = """
[[practice]]
code = "linde"
name = "Huisartsenpraktijk De Linde"
address = "Lindelaan 1, Voorbeeld"
phone = "010-123 45 67"
huisartsenpost = "0900-111 22 33"
group = "noord"

[[practice]]
code = "eik"
name = "Gezondheidscentrum De Eik"
address = "Eikenweg 20, Voorbeeld"
phone = "010-765 43 21"
huisartsenpost = "0900-111 22 33"
group = "noord"

[practice.talks.intake]
minutes = 60
places = ["practice", "phone"]

[[practice]]
code = "beuk"
name = "Praktijk De Beuk"
phone = "010-111 11 11"
huisartsenpost = "0900-111 22 33"
group = "noord"

[[specialist]]
key = "anna"
name = "Anna de Vries"
practices = ["linde", "eik"]

[specialist.hours]
linde = ["mon 09:00-12:00", "tue 09:00-12:00", "thu 13:00-17:00"]
eik = ["wed 09:00-12:00"]

# De Beuk has a specialist, but no hours yet: it is not offered.
[[specialist]]
key = "bram"
name = "Bram Jansen"
practices = ["beuk"]
"""

group = pytest.mark.parametrize("practice_toml", [GROUP])
LINDE, EIK = "Huisartsenpraktijk De Linde", "Gezondheidscentrum De Eik"


async def _to_eik_days(user: FakeUser) -> None:
    await user.tap("Afspraak maken")
    await user.tap(EIK)
    await user.tap("Voor mijn kind")
    await user.send("Sam")
    await user.send("01-05-2016")
    await user.tap("Slapen")
    await user.tap("Overslaan")
    await user.tap("Op de praktijk")


async def _book_at_eik(user: FakeUser) -> list:
    await _to_eik_days(user)
    await user.tap("wo 25 nov")
    await user.tap("09:00")
    return [r for r in await user.tap("Bevestigen") if not r.edited]


@group
async def test_a_practice_in_a_group_asks_which_practice_first_own_first(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, start="/start linde")
    replies = await user.tap("Afspraak maken")
    assert "Bij welke praktijk wil je het gesprek?" in replies[-1].text
    assert "Eikenweg 20" in replies[-1].text
    assert replies[-1].labels == [LINDE, EIK, "Stoppen"]


@group
async def test_the_own_practice_is_first_for_a_patient_of_another_location(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, start="/start eik")
    replies = await user.tap("Afspraak maken")
    assert replies[-1].labels == [EIK, LINDE, "Stoppen"]


@group
async def test_a_patient_of_a_practice_without_hours_is_offered_only_practices_with_hours(
    bot: Harness,
) -> None:
    user = bot.user()
    await onboard(user, start="/start beuk")
    replies = await user.tap("Afspraak maken")
    assert replies[-1].labels == [LINDE, EIK, "Stoppen"]


@pytest.mark.parametrize("practice_toml", [ONE_PRACTICE + SECOND_PRACTICE])
async def test_practices_without_a_group_ask_no_practice_question(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, start="/start linde")
    replies = await user.tap("Afspraak maken")
    assert replies[-1].text == "Voor wie is het gesprek?"


@group
async def test_booking_at_another_practice_of_the_group_books_there(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, start="/start linde")
    replies = await _book_at_eik(user)
    assert "Bij Gezondheidscentrum De Eik, Eikenweg 20, Voorbeeld." in replies[0].text
    (booked,) = await bot.storage.appointments.upcoming_for_user(user.user_id, bot.clock.now())
    eik = await bot.storage.practices.by_code("eik")
    assert eik is not None and booked.practice_id == eik.id


@group
async def test_the_chosen_practice_sets_the_days_and_the_length(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, start="/start linde")
    await _to_eik_days(user)
    assert "kennismakingsgesprek van 60 minuten" in user.last.text
    assert user.last.labels[0] == "wo 25 nov"


@group
async def test_the_specialist_hears_which_practice_was_booked(bot: Harness) -> None:
    specialist = await link_specialist(bot)
    user = bot.user()
    await onboard(user, start="/start linde")
    await _book_at_eik(user)
    assert "Gezondheidscentrum De Eik" in specialist.last.text


@group
async def test_a_forged_practice_gets_a_kind_reply(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, start="/start linde")
    await user.tap("Afspraak maken")
    beuk = await bot.storage.practices.by_code("beuk")
    assert beuk is not None
    replies = await user.tap_data(f"bprac:{beuk.id}", user.last.message_id)
    assert "bij die praktijk kun je hier geen afspraak maken" in replies[-2].text
    assert replies[-1].labels == [LINDE, EIK, "Stoppen"]


@group
async def test_back_from_for_whom_returns_to_the_practice_question(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, start="/start linde")
    await user.tap("Afspraak maken")
    await user.tap(EIK)
    replies = await user.tap("Terug")
    assert replies[-1].labels == [LINDE, EIK, "Stoppen"]


@group
async def test_the_waitlist_is_for_the_chosen_practice(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, start="/start linde")
    await _to_eik_days(user)
    await user.tap("Geen tijd? Wachtlijst")
    (entry,) = await bot.storage.waitlist.for_user(user.user_id)
    eik = await bot.storage.practices.by_code("eik")
    assert eik is not None and entry.practice_id == eik.id


@group
async def test_moving_offers_the_times_of_the_practice_it_was_booked_at(bot: Harness) -> None:
    user = bot.user()
    await onboard(user, start="/start linde")
    await _book_at_eik(user)
    replies = await user.tap("Mijn afspraken")
    replies = await user.tap("Verzetten", message=replies[0])
    days = [label for label in replies[-1].labels if label[:3] in ("ma ", "di ", "wo ", "do ")]
    assert days and all(day.startswith("wo ") for day in days)  # De Eik's day, not De Linde's
