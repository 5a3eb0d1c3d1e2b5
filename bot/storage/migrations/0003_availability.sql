-- When a specialist works where, and the days nobody can book. Times are local wall-clock
-- minutes after midnight; days are ISO dates in the practice's time zone.

CREATE TABLE weekly_hours (
    id             INTEGER PRIMARY KEY,
    specialist_id  INTEGER NOT NULL REFERENCES specialists (id) ON DELETE CASCADE,
    practice_id    INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
    weekday        INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute   INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute     INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (start_minute < end_minute)
);

CREATE INDEX weekly_hours_by_specialist ON weekly_hours (specialist_id, practice_id);

-- A day off of one specialist (specialist_id set) or a closing day of a practice (practice_id set).
CREATE TABLE days_off (
    id             INTEGER PRIMARY KEY,
    specialist_id  INTEGER REFERENCES specialists (id) ON DELETE CASCADE,
    practice_id    INTEGER REFERENCES practices (id) ON DELETE CASCADE,
    day            TEXT    NOT NULL,
    CHECK ((specialist_id IS NULL) <> (practice_id IS NULL))
);

CREATE UNIQUE INDEX days_off_once ON days_off (coalesce(specialist_id, -1), coalesce(practice_id, -1), day);
