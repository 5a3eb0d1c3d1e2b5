from datetime import timedelta

from bot.core.clock import FakeClock
from bot.core.invites import hash_code
from bot.core.models import Language, Role, Specialist, UserProfile
from bot.storage import RedeemResult, Storage

PRACTICES = [
    {
        "code": "linde",
        "name": "De Linde",
        "address": "",
        "phone": "010-1",
        "huisartsenpost": "0900-1",
    },
    {"code": "eik", "name": "De Eik", "address": "", "phone": "010-2", "huisartsenpost": "0900-2"},
]
SPECIALISTS = [{"key": "anna", "name": "Anna", "title": "POH Jeugd", "practices": ["linde", "eik"]}]


async def _seeded(storage: Storage, clock: FakeClock) -> None:
    await storage.practices.upsert(PRACTICES, SPECIALISTS, clock.now())


async def test_import_twice_updates_instead_of_duplicating(
    storage: Storage, clock: FakeClock
) -> None:
    await _seeded(storage, clock)
    changed = [{**PRACTICES[0], "phone": "010-9"}]
    await storage.practices.upsert(changed, SPECIALISTS, clock.now())
    assert await storage.practices.count() == 2
    practice = await storage.practices.by_code("linde")
    assert practice is not None and practice.phone == "010-9"


async def test_a_specialist_serves_the_practices_in_the_config(
    storage: Storage, clock: FakeClock
) -> None:
    await _seeded(storage, clock)
    anna = await storage.specialists.by_key("anna")
    assert anna is not None and len(anna.practice_ids) == 2


async def test_an_invite_links_once(storage: Storage, clock: FakeClock) -> None:
    await _seeded(storage, clock)
    await storage.specialists.create_invite(
        "anna", hash_code("AAAA-BBBB-CCCC"), clock.now(), clock.now() + timedelta(days=7)
    )
    first = await storage.specialists.redeem_invite(hash_code("AAAA-BBBB-CCCC"), 42, clock.now())
    second = await storage.specialists.redeem_invite(hash_code("AAAA-BBBB-CCCC"), 43, clock.now())
    assert isinstance(first, Specialist) and first.telegram_user_id == 42
    assert second == RedeemResult.USED
    linked = await storage.specialists.by_telegram_user(42)
    assert linked is not None and linked.key == "anna"


async def test_an_expired_invite_is_refused(storage: Storage, clock: FakeClock) -> None:
    await _seeded(storage, clock)
    await storage.specialists.create_invite(
        "anna", hash_code("AAAA-BBBB-CCCC"), clock.now(), clock.now() + timedelta(days=7)
    )
    clock.advance(timedelta(days=7))
    result = await storage.specialists.redeem_invite(hash_code("AAAA-BBBB-CCCC"), 42, clock.now())
    assert result == RedeemResult.EXPIRED
    assert await storage.specialists.by_telegram_user(42) is None


async def test_a_new_invite_voids_the_unused_one(storage: Storage, clock: FakeClock) -> None:
    await _seeded(storage, clock)
    week = clock.now() + timedelta(days=7)
    await storage.specialists.create_invite("anna", hash_code("AAAA-BBBB-CCCC"), clock.now(), week)
    await storage.specialists.create_invite("anna", hash_code("DDDD-EEEE-FFFF"), clock.now(), week)
    old = await storage.specialists.redeem_invite(hash_code("AAAA-BBBB-CCCC"), 42, clock.now())
    assert old == RedeemResult.REVOKED


async def test_revoke_unlinks_the_account(storage: Storage, clock: FakeClock) -> None:
    await _seeded(storage, clock)
    await storage.specialists.create_invite(
        "anna", hash_code("AAAA-BBBB-CCCC"), clock.now(), clock.now() + timedelta(days=7)
    )
    await storage.specialists.redeem_invite(hash_code("AAAA-BBBB-CCCC"), 42, clock.now())
    assert await storage.specialists.revoke("anna", clock.now())
    assert await storage.specialists.by_telegram_user(42) is None


async def test_an_unknown_code_is_refused(storage: Storage, clock: FakeClock) -> None:
    await _seeded(storage, clock)
    assert (
        await storage.specialists.redeem_invite(hash_code("ZZZZ-ZZZZ-ZZZZ"), 42, clock.now())
        == RedeemResult.UNKNOWN
    )


async def test_erase_removes_profile_and_flow(storage: Storage, clock: FakeClock) -> None:
    await _seeded(storage, clock)
    profile = UserProfile(7, Language.NL, Role.PARENT, 9, 1, clock.now(), clock.now())
    await storage.users.complete_onboarding(profile, clock.now())
    await storage.flows.put(
        7, "x", "y", {}, expires_at=clock.now() + timedelta(hours=1), now=clock.now()
    )
    assert await storage.users.erase(7)
    assert await storage.users.get(7) is None
    assert await storage.flows.get(7) is None
    assert not await storage.users.erase(7)


async def test_completing_onboarding_ends_the_flow(storage: Storage, clock: FakeClock) -> None:
    await _seeded(storage, clock)
    await storage.flows.put(
        7,
        "onboarding",
        "privacy",
        {"a": 1},
        expires_at=clock.now() + timedelta(hours=1),
        now=clock.now(),
    )
    profile = UserProfile(7, Language.EN, Role.YOUNGSTER, 15, 1, clock.now(), clock.now())
    await storage.users.complete_onboarding(profile, clock.now())
    assert await storage.flows.get(7) is None
    stored = await storage.users.get(7)
    assert stored is not None and stored.language is Language.EN and stored.age == 15


async def test_expired_flows_are_purged(storage: Storage, clock: FakeClock) -> None:
    await storage.flows.put(
        7, "f", "s", {}, expires_at=clock.now() + timedelta(hours=1), now=clock.now()
    )
    await storage.flows.put(
        8, "f", "s", {}, expires_at=clock.now() + timedelta(hours=3), now=clock.now()
    )
    clock.advance(timedelta(hours=2))
    assert await storage.flows.purge_expired(clock.now()) == 1
    assert await storage.flows.get(7) is None
    assert await storage.flows.get(8) is not None


async def test_flow_data_round_trips_as_json(storage: Storage, clock: FakeClock) -> None:
    await storage.flows.put(
        7,
        "f",
        "s",
        {"age": 14, "role": "parent"},
        expires_at=clock.now() + timedelta(hours=1),
        now=clock.now(),
    )
    flow = await storage.flows.get(7)
    assert flow is not None and flow.data == {"age": 14, "role": "parent"}
