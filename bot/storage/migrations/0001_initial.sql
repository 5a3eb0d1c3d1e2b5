-- Practices, specialists and their invite codes, the people who use the bot, and flow state.
-- Times are whole epoch seconds (UTC). No BEGIN/COMMIT here: the runner wraps each file in one
-- transaction together with its schema_version row.

CREATE TABLE practices (
    id              INTEGER PRIMARY KEY,
    code            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    address         TEXT    NOT NULL DEFAULT '',
    phone           TEXT    NOT NULL,
    huisartsenpost  TEXT    NOT NULL,
    created_at      INTEGER NOT NULL
);

CREATE TABLE specialists (
    id                INTEGER PRIMARY KEY,
    key               TEXT    NOT NULL UNIQUE,
    name              TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    telegram_user_id  INTEGER UNIQUE,
    linked_at         INTEGER
);

CREATE TABLE specialist_practices (
    specialist_id  INTEGER NOT NULL REFERENCES specialists (id) ON DELETE CASCADE,
    practice_id    INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
    PRIMARY KEY (specialist_id, practice_id)
);

CREATE TABLE invite_codes (
    id             INTEGER PRIMARY KEY,
    specialist_id  INTEGER NOT NULL REFERENCES specialists (id) ON DELETE CASCADE,
    code_hash      TEXT    NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    used_at        INTEGER,
    revoked_at     INTEGER
);

CREATE TABLE users (
    telegram_user_id  INTEGER PRIMARY KEY,
    language          TEXT    NOT NULL,
    role              TEXT    NOT NULL CHECK (role IN ('parent', 'youngster')),
    age               INTEGER NOT NULL CHECK (age BETWEEN 0 AND 120),
    practice_id       INTEGER REFERENCES practices (id) ON DELETE SET NULL,
    privacy_read_at   INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

CREATE TABLE flow_states (
    telegram_user_id  INTEGER PRIMARY KEY,
    flow              TEXT    NOT NULL,
    step              TEXT    NOT NULL,
    data              TEXT    NOT NULL DEFAULT '{}',
    expires_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

CREATE INDEX flow_states_expires_at ON flow_states (expires_at);
