-- Questions to the specialist and their answers. Erased with the user (ON DELETE CASCADE).
-- AUTOINCREMENT: an erased question's id is never given to another family's question, so an
-- old button in a specialist's chat can never point at someone else.

CREATE TABLE questions (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    telegram_user_id        INTEGER NOT NULL REFERENCES users (telegram_user_id) ON DELETE CASCADE,
    practice_id             INTEGER REFERENCES practices (id) ON DELETE SET NULL,
    first_name              TEXT,
    body                    TEXT    NOT NULL,
    asked_at                INTEGER NOT NULL,
    reply_to                INTEGER REFERENCES questions (id) ON DELETE CASCADE,
    answer                  TEXT,
    answered_at             INTEGER,
    answered_by             INTEGER REFERENCES specialists (id) ON DELETE SET NULL,
    specialist_reminded_at  INTEGER,
    invited_to_book_at      INTEGER
);

CREATE INDEX questions_waiting ON questions (answered_at, specialist_reminded_at, asked_at);
CREATE INDEX questions_by_user ON questions (telegram_user_id);
CREATE UNIQUE INDEX questions_one_reply ON questions (reply_to) WHERE reply_to IS NOT NULL;
