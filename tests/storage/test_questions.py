from datetime import timedelta

from bot.core.clock import FakeClock
from bot.core.models import Language, Role, UserProfile
from bot.storage import Storage

PRACTICE = {"code": "linde", "name": "De Linde", "address": "", "phone": "1", "huisartsenpost": "2"}
SPECIALIST = {"key": "anna", "name": "Anna", "title": "POH", "practices": ["linde"]}


async def _user(storage: Storage, clock: FakeClock, user_id: int = 7) -> int:
    await storage.practices.upsert([PRACTICE], [SPECIALIST], clock.now())
    practice = await storage.practices.by_code("linde")
    assert practice is not None
    profile = UserProfile(
        user_id, Language.NL, Role.PARENT, 9, practice.id, clock.now(), clock.now()
    )
    await storage.users.complete_onboarding(profile, clock.now())
    return practice.id


async def test_a_question_waits_until_it_is_answered(storage: Storage, clock: FakeClock) -> None:
    practice_id = await _user(storage, clock)
    question = await storage.questions.ask(7, practice_id, "Slaapt slecht", None, clock.now())
    assert question is not None
    assert [q.id for q in await storage.questions.waiting((practice_id,))] == [question.id]
    anna = await storage.specialists.by_key("anna")
    assert anna is not None
    await storage.questions.answer(question.id, anna.id, "Tip", clock.now())
    assert await storage.questions.waiting((practice_id,)) == []


async def test_a_question_is_answered_once(storage: Storage, clock: FakeClock) -> None:
    practice_id = await _user(storage, clock)
    question = await storage.questions.ask(7, practice_id, "Vraag", None, clock.now())
    anna = await storage.specialists.by_key("anna")
    assert question is not None and anna is not None
    assert await storage.questions.answer(question.id, anna.id, "Eerste", clock.now())
    assert await storage.questions.answer(question.id, anna.id, "Tweede", clock.now()) is None
    stored = await storage.questions.get(question.id)
    assert stored is not None and stored.answer == "Eerste"


async def test_an_answer_can_be_replied_to_once(storage: Storage, clock: FakeClock) -> None:
    practice_id = await _user(storage, clock)
    question = await storage.questions.ask(7, practice_id, "Vraag", None, clock.now())
    assert question is not None
    first = await storage.questions.ask(
        7, practice_id, "Reactie", None, clock.now(), reply_to=question.id
    )
    second = await storage.questions.ask(
        7, practice_id, "Nog een", None, clock.now(), reply_to=question.id
    )
    assert first is not None
    assert second is None


async def test_erasing_the_user_erases_their_questions(storage: Storage, clock: FakeClock) -> None:
    practice_id = await _user(storage, clock)
    question = await storage.questions.ask(7, practice_id, "Vraag", "Sam", clock.now())
    assert question is not None
    await storage.users.erase(7)
    assert await storage.questions.get(question.id) is None


async def test_reminders_are_due_once_for_unanswered_questions(
    storage: Storage, clock: FakeClock
) -> None:
    practice_id = await _user(storage, clock)
    question = await storage.questions.ask(7, practice_id, "Vraag", None, clock.now())
    assert question is not None
    clock.advance(timedelta(days=1))
    due = await storage.questions.due_for_reminder(clock.now())
    assert [q.id for q in due] == [question.id]
    await storage.questions.mark_reminded(question.id, clock.now())
    assert await storage.questions.due_for_reminder(clock.now()) == []


async def test_an_invitation_to_book_closes_the_question(
    storage: Storage, clock: FakeClock
) -> None:
    practice_id = await _user(storage, clock)
    question = await storage.questions.ask(7, practice_id, "Vraag", None, clock.now())
    assert question is not None
    await storage.questions.mark_invited(question.id, clock.now())
    clock.advance(timedelta(days=1))
    assert await storage.questions.waiting((practice_id,)) == []
    assert await storage.questions.due_for_reminder(clock.now()) == []


async def test_an_answer_is_extended_only_by_who_answered(
    storage: Storage, clock: FakeClock
) -> None:
    practice_id = await _user(storage, clock)
    question = await storage.questions.ask(7, practice_id, "Vraag", None, clock.now())
    anna = await storage.specialists.by_key("anna")
    assert question is not None and anna is not None
    assert await storage.questions.extend_answer(question.id, anna.id, " meer") is None
    await storage.questions.answer(question.id, anna.id, "Eerste", clock.now())
    assert await storage.questions.extend_answer(question.id, anna.id + 1, " meer") is None
    extended = await storage.questions.extend_answer(question.id, anna.id, "\n\nTweede")
    assert extended is not None and extended.answer == "Eerste\n\nTweede"


async def test_only_the_asker_adds_to_a_question_and_only_until_it_is_answered(
    storage: Storage, clock: FakeClock
) -> None:
    practice_id = await _user(storage, clock)
    question = await storage.questions.ask(7, practice_id, "Eerste deel", None, clock.now())
    anna = await storage.specialists.by_key("anna")
    assert question is not None and anna is not None
    assert await storage.questions.add_to_body(question.id, 8, "\n\nvan een ander") is None
    added = await storage.questions.add_to_body(question.id, 7, "\n\nTweede deel")
    assert added is not None and added.body == "Eerste deel\n\nTweede deel"
    await storage.questions.answer(question.id, anna.id, "Antwoord", clock.now())
    assert await storage.questions.add_to_body(question.id, 7, "\n\nte laat") is None
