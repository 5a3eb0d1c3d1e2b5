-- Appointments. Two booked appointments of one specialist can never overlap, buffer included:
-- a unique index on the start and triggers over the blocked interval [starts_at, blocked_until)
-- enforce it in the database itself, whatever the code above does.

CREATE TABLE appointments (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    uid               TEXT    NOT NULL UNIQUE,
    telegram_user_id  INTEGER NOT NULL REFERENCES users (telegram_user_id) ON DELETE CASCADE,
    practice_id       INTEGER NOT NULL REFERENCES practices (id),
    specialist_id     INTEGER NOT NULL REFERENCES specialists (id),
    kind              TEXT    NOT NULL CHECK (kind IN ('intake', 'followup')),
    mode              TEXT    NOT NULL DEFAULT 'practice' CHECK (mode IN ('practice', 'phone', 'video')),
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER NOT NULL,
    blocked_until     INTEGER NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
    for_whom          TEXT    NOT NULL CHECK (for_whom IN ('self', 'child')),
    first_name        TEXT    NOT NULL,
    birth_date        TEXT    NOT NULL,
    phone             TEXT,
    topic             TEXT    NOT NULL,
    note              TEXT,
    sequence          INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    cancelled_at      INTEGER,
    cancelled_late    INTEGER NOT NULL DEFAULT 0,
    -- No talk, buffer included, lasts a day: so an overlap check need only look a day back.
    CHECK (starts_at < ends_at AND ends_at <= blocked_until AND blocked_until - starts_at <= 86400)
);

CREATE UNIQUE INDEX appointments_one_start ON appointments (specialist_id, starts_at)
    WHERE status = 'booked';
CREATE INDEX appointments_by_specialist ON appointments (specialist_id, status, starts_at);
CREATE INDEX appointments_by_user ON appointments (telegram_user_id, status, starts_at);

CREATE TRIGGER appointments_no_overlap_on_insert
BEFORE INSERT ON appointments
WHEN NEW.status = 'booked'
BEGIN
    SELECT RAISE(ABORT, 'appointment overlaps another')
    WHERE EXISTS (
        SELECT 1 FROM appointments AS a
        WHERE a.specialist_id = NEW.specialist_id AND a.status = 'booked'
          AND a.starts_at > NEW.starts_at - 86400
          AND a.starts_at < NEW.blocked_until AND NEW.starts_at < a.blocked_until
    );
END;

CREATE TRIGGER appointments_no_overlap_on_update
BEFORE UPDATE OF specialist_id, starts_at, ends_at, blocked_until, status ON appointments
WHEN NEW.status = 'booked'
BEGIN
    SELECT RAISE(ABORT, 'appointment overlaps another')
    WHERE EXISTS (
        SELECT 1 FROM appointments AS a
        WHERE a.id <> NEW.id AND a.specialist_id = NEW.specialist_id AND a.status = 'booked'
          AND a.starts_at > NEW.starts_at - 86400
          AND a.starts_at < NEW.blocked_until AND NEW.starts_at < a.blocked_until
    );
END;
