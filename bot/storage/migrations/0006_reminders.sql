-- Reminders and the specialist's notices. The appointments say what is due; these tables say
-- what was delivered, so a restart resends nothing that went out and loses nothing that did not.

-- A short name for buttons on a phone ("De Linde" for "Huisartsenpraktijk De Linde").
ALTER TABLE practices ADD COLUMN short_name TEXT NOT NULL DEFAULT '';

-- The place (and phone number) chosen before joining the waitlist, so an offer is one tap.
ALTER TABLE waitlist ADD COLUMN mode TEXT CHECK (mode IN ('practice', 'phone', 'video'));
ALTER TABLE waitlist ADD COLUMN phone TEXT;

-- Per practice: how long before a talk reminders go, and the families' quiet hours.
ALTER TABLE practices ADD COLUMN reminders_before TEXT NOT NULL DEFAULT '24h,2h';
ALTER TABLE practices ADD COLUMN quiet_hours TEXT NOT NULL DEFAULT '21:30-08:00';

-- The specialist's daily agenda message, local time on their working days.
ALTER TABLE specialists ADD COLUMN agenda_at TEXT NOT NULL DEFAULT '07:30';

-- The user's choice (all, first, last, none) and whether Telegram refuses their chat (403).
ALTER TABLE users ADD COLUMN reminder_choice TEXT NOT NULL DEFAULT 'all'
    CHECK (reminder_choice IN ('all', 'first', 'last', 'none'));
ALTER TABLE users ADD COLUMN unreachable_at INTEGER;

-- When the talk last got its time; a reminder whose moment had passed by then is skipped.
ALTER TABLE appointments ADD COLUMN rescheduled_at INTEGER;

CREATE INDEX appointments_upcoming ON appointments (status, starts_at);

-- One row per reminder of one appointment time. Claimed before the send, confirmed after: a
-- claim left by a crash is sent again, so delivery is at least once. `sequence` is the
-- appointment's: every move raises it, so a move (even back to an earlier time) plans anew.
CREATE TABLE reminder_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    appointment_id  INTEGER NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    sequence        INTEGER NOT NULL,
    starts_at       INTEGER NOT NULL,  -- the time it reminds of
    offset_seconds  INTEGER NOT NULL,  -- which reminder: how long before the talk
    due_at          INTEGER NOT NULL,
    status          TEXT    NOT NULL
                    CHECK (status IN ('pending', 'claimed', 'sent', 'skipped', 'undeliverable')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    retry_at        INTEGER,           -- pending after a network error or 429: not before this
    claimed_at      INTEGER,
    claimed_by      TEXT,
    sent_at         INTEGER,
    message_id      INTEGER,
    answer          TEXT CHECK (answer IN ('coming')),
    answered_at     INTEGER,
    UNIQUE (appointment_id, sequence, offset_seconds)
);

CREATE INDEX reminder_deliveries_open ON reminder_deliveries (status, retry_at);

-- Notices to the specialist that must go once per appointment time: unanswered, undeliverable.
CREATE TABLE specialist_notices (
    appointment_id  INTEGER NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    sequence        INTEGER NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('unanswered', 'undeliverable')),
    sent_at         INTEGER NOT NULL,
    PRIMARY KEY (appointment_id, sequence, kind)
);

-- One agenda a day per specialist.
CREATE TABLE agenda_deliveries (
    specialist_id  INTEGER NOT NULL REFERENCES specialists (id) ON DELETE CASCADE,
    day            TEXT    NOT NULL,
    sent_at        INTEGER NOT NULL,
    PRIMARY KEY (specialist_id, day)
);
