"""The storage layer: the only place with SQL. Handlers and jobs use these named stores."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.storage.appointments import AppointmentStore, NewAppointment
from bot.storage.availability import AvailabilityStore
from bot.storage.database import Database, MigrationFailed, SchemaTooNew, StorageError
from bot.storage.practices import PracticeStore, RedeemResult, SpecialistStore
from bot.storage.questions import Question, QuestionStore
from bot.storage.reminders import ReminderStore
from bot.storage.users import FlowStore, UserStore
from bot.storage.waitlist import WaitlistEntry, WaitlistStore


@dataclass
class Storage:
    """One database and its stores; a PostgreSQL backend would offer the same stores."""

    db: Database
    practices: PracticeStore
    specialists: SpecialistStore
    users: UserStore
    flows: FlowStore
    questions: QuestionStore
    availability: AvailabilityStore
    appointments: AppointmentStore
    waitlist: WaitlistStore
    reminders: ReminderStore

    @classmethod
    def at(cls, path: str | Path) -> Storage:
        db = Database(path)
        return cls(
            db=db,
            practices=PracticeStore(db),
            specialists=SpecialistStore(db),
            users=UserStore(db),
            flows=FlowStore(db),
            questions=QuestionStore(db),
            availability=AvailabilityStore(db),
            appointments=AppointmentStore(db),
            waitlist=WaitlistStore(db),
            reminders=ReminderStore(db),
        )

    async def open(self, *, migrate: bool = True) -> None:
        await self.db.open()
        if migrate:
            await self.db.migrate()

    async def close(self) -> None:
        await self.db.close()


__all__ = [
    "Database",
    "MigrationFailed",
    "NewAppointment",
    "Question",
    "RedeemResult",
    "SchemaTooNew",
    "Storage",
    "StorageError",
    "WaitlistEntry",
    "open_storage",
]


async def open_storage(path: str | Path) -> Storage:
    storage = Storage.at(path)
    try:
        await storage.open()
    except BaseException:
        await storage.close()
        raise
    return storage
