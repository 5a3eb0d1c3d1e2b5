-- The waitlist: people for whom no offered time fitted, in order. A freed time is offered to
-- one of them at a time; an offer expires. Erased with the person.

CREATE TABLE waitlist (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    telegram_user_id  INTEGER NOT NULL REFERENCES users (telegram_user_id) ON DELETE CASCADE,
    practice_id       INTEGER NOT NULL REFERENCES practices (id),
    kind              TEXT    NOT NULL CHECK (kind IN ('intake', 'followup')),
    for_whom          TEXT    NOT NULL CHECK (for_whom IN ('self', 'child')),
    first_name        TEXT    NOT NULL,
    birth_date        TEXT    NOT NULL,
    topic             TEXT    NOT NULL,
    note              TEXT,
    -- Set for "eerder dan mijn afspraak": only earlier times are offered, and taking one moves it.
    earlier_than      INTEGER REFERENCES appointments (id) ON DELETE CASCADE,
    joined_at         INTEGER NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'waiting'
                      CHECK (status IN ('waiting', 'offered', 'booked', 'left')),
    offer_start       INTEGER,
    offer_expires_at  INTEGER,
    declined_start    INTEGER
);

CREATE INDEX waitlist_in_order ON waitlist (practice_id, status, joined_at);
CREATE INDEX waitlist_by_user ON waitlist (telegram_user_id, status);
