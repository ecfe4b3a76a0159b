-- Conversation governance (sqlite): participants with roles, history of state changes, retention policies,
-- legal hold and the deletion grace period. Kept column-for-column equal to db/migration/postgresql/V6.

ALTER TABLE conversations ADD COLUMN project_key TEXT
    CHECK (project_key IS NULL OR (length(project_key) BETWEEN 2 AND 10 AND project_key GLOB '[A-Z]*' AND project_key NOT GLOB '*[^A-Z0-9]*'));
ALTER TABLE conversations ADD COLUMN work_item_id TEXT REFERENCES work_items (id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN legal_hold BOOLEAN NOT NULL DEFAULT FALSE;
-- Set when the owner deletes: the conversation is hidden at once and purged from this instant on.
ALTER TABLE conversations ADD COLUMN purge_at TEXT;
-- Appends bump it under the row's lock: it hands out exchange sequence numbers without a race.
ALTER TABLE conversations ADD COLUMN exchange_count BIGINT NOT NULL DEFAULT 0 CHECK (exchange_count >= 0);
CREATE INDEX conversations_project_key_idx ON conversations (project_key);
CREATE INDEX conversations_purge_at_idx ON conversations (purge_at);

-- What the scanner found in the exchange, as kinds and counts; never the values.
ALTER TABLE exchange_records ADD COLUMN findings TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(findings) AND json_type(findings) = 'object');

CREATE TABLE conversation_participants (
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    added_at        TEXT NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_participants_user_id_idx ON conversation_participants (user_id, conversation_id);

-- The conversation's own history: sharing, renaming, exchange state changes. Ids and states only, no content.
CREATE TABLE conversation_history (
    id              TEXT NOT NULL PRIMARY KEY
                    CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    exchange_id     TEXT REFERENCES exchange_records (id) ON DELETE CASCADE,
    event           TEXT NOT NULL CHECK (length(event) BETWEEN 1 AND 100),
    actor_id        TEXT REFERENCES users (id) ON DELETE SET NULL,
    details         TEXT NOT NULL CHECK (json_valid(details) AND json_type(details) = 'object'),
    recorded_at     TEXT NOT NULL
);
CREATE INDEX conversation_history_conversation_id_idx ON conversation_history (conversation_id, id);
CREATE INDEX conversation_history_exchange_id_idx ON conversation_history (exchange_id);
CREATE INDEX conversation_history_actor_id_idx ON conversation_history (actor_id);

-- How long conversations are kept: one row for the global default ('*'), per project, per conversation.
-- keep_days NULL keeps forever.
CREATE TABLE retention_policies (
    id         TEXT    NOT NULL PRIMARY KEY
               CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    scope      TEXT    NOT NULL CHECK (scope IN ('global', 'project', 'conversation')),
    target     TEXT    NOT NULL CHECK (length(target) BETWEEN 1 AND 26),
    keep_days  INTEGER CHECK (keep_days IS NULL OR keep_days BETWEEN 0 AND 36500),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    version    BIGINT  NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX retention_policies_scope_target_key ON retention_policies (scope, target);

-- Every conversation's owner becomes its first participant.
INSERT INTO conversation_participants (conversation_id, user_id, role, added_at)
SELECT id, owner_id, 'owner', created_at FROM conversations;
