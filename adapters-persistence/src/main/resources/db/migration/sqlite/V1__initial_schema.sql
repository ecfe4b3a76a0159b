-- Build Factory initial schema (SQLite). Kept column-for-column equal to db/migration/postgresql/V1.
-- Timestamps are TEXT, 'yyyy-MM-dd HH:mm:ss[.ffffff]+00:00' in UTC, whose text order is time order (a test checks
-- sub-second ranges); JSON is TEXT checked by json_valid; ids are ULIDs checked here as well as by the domain.

CREATE TABLE users (
    id              TEXT    NOT NULL PRIMARY KEY
                    CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    email           TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    email_canonical TEXT    NOT NULL CHECK (length(email_canonical) BETWEEN 3 AND 254),
    display_name    TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    kind            TEXT    NOT NULL CHECK (kind IN ('human', 'agent')),
    status          TEXT    NOT NULL CHECK (status IN ('active', 'disabled')),
    password_hash   TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         BIGINT  NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX users_email_canonical_key ON users (email_canonical);

CREATE TABLE identity_links (
    id         TEXT NOT NULL PRIMARY KEY
               CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider   TEXT NOT NULL CHECK (length(provider) BETWEEN 1 AND 100),
    subject    TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    email      TEXT,
    profile    TEXT CHECK (profile IS NULL OR (json_valid(profile) AND json_type(profile) = 'object')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX identity_links_provider_subject_key ON identity_links (provider, subject);
CREATE INDEX identity_links_user_id_idx ON identity_links (user_id);

CREATE TABLE roles (
    id          TEXT    NOT NULL PRIMARY KEY
                CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 63),
    description TEXT    NOT NULL,
    built_in    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    version     BIGINT  NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX roles_name_key ON roles (name);

-- A permission is a catalogue code (factory.<area>.<verb>), so its name is its key.
CREATE TABLE permissions (
    name        TEXT NOT NULL PRIMARY KEY
                CHECK (name GLOB 'factory.?*.?*' AND name NOT GLOB 'factory.*.*.*' AND name NOT GLOB '*..*'),
    description TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Removing a permission from the catalogue must be deliberate: revoke it from every role first.
CREATE TABLE role_permissions (
    role_id    TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    permission TEXT NOT NULL REFERENCES permissions (name) ON DELETE RESTRICT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (role_id, permission)
);
CREATE INDEX role_permissions_permission_idx ON role_permissions (permission);

-- A role still held by someone cannot be deleted; a deleted user loses their roles.
CREATE TABLE user_roles (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id     TEXT NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role_id_idx ON user_roles (role_id);

CREATE TABLE sessions (
    id                  TEXT NOT NULL PRIMARY KEY
                        CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    user_id             TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash          TEXT NOT NULL CHECK (length(token_hash) = 64),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    last_seen_at        TEXT NOT NULL,
    idle_expires_at     TEXT NOT NULL,
    absolute_expires_at TEXT NOT NULL,
    ended_at            TEXT,
    end_reason          TEXT CHECK (end_reason IN ('logout', 'logout-all', 'password-changed', 'user-disabled',
                                                   'role-removed', 'expired')),
    client_address      TEXT,
    user_agent          TEXT,
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
-- A user's open sessions (who is logged in, log out everywhere) without reading their ended ones.
CREATE INDEX sessions_user_open_idx ON sessions (user_id, idle_expires_at) WHERE ended_at IS NULL;
-- The idle deadline never passes the absolute one, so "expired" is idle_expires_at <= now.
CREATE INDEX sessions_open_idle_expiry_idx ON sessions (idle_expires_at) WHERE ended_at IS NULL;
CREATE INDEX sessions_ended_at_idx ON sessions (ended_at) WHERE ended_at IS NOT NULL;

-- A user's conversations go with the user (erasure); exchanges go with their conversation.
CREATE TABLE conversations (
    id         TEXT   NOT NULL PRIMARY KEY
               CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    owner_id   TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT   NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    created_at TEXT   NOT NULL,
    updated_at TEXT   NOT NULL,
    deleted_at TEXT,
    version    BIGINT NOT NULL CHECK (version >= 1)
);
CREATE INDEX conversations_owner_id_idx ON conversations (owner_id, id);

-- Authorship survives the author's erasure only as an empty author (pseudonymised).
CREATE TABLE exchange_records (
    id               TEXT   NOT NULL PRIMARY KEY
                     CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    conversation_id  TEXT   NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sequence         BIGINT NOT NULL CHECK (sequence >= 1),
    author_id        TEXT   REFERENCES users (id) ON DELETE SET NULL,
    agent_id         TEXT   NOT NULL,
    request_content  TEXT   NOT NULL,
    response_content TEXT,
    state            TEXT   NOT NULL CHECK (state IN ('pending', 'in-progress', 'completed', 'failed', 'cancelled')),
    input_tokens     BIGINT NOT NULL CHECK (input_tokens >= 0),
    output_tokens    BIGINT NOT NULL CHECK (output_tokens >= 0),
    created_at       TEXT   NOT NULL,
    updated_at       TEXT   NOT NULL,
    version          BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX exchange_records_conversation_sequence_key ON exchange_records (conversation_id, sequence);
CREATE INDEX exchange_records_author_id_idx ON exchange_records (author_id);

CREATE TABLE jobs (
    id               TEXT    NOT NULL PRIMARY KEY
                     CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    type             TEXT    NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
    payload          TEXT    NOT NULL CHECK (json_valid(payload)),
    state            TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'dead')),
    priority         INTEGER NOT NULL DEFAULT 0,
    run_at           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts     INTEGER NOT NULL CHECK (max_attempts >= 1),
    unique_key       TEXT,
    claimed_by       TEXT,
    claim_expires_at TEXT,
    result           TEXT    CHECK (result IS NULL OR json_valid(result)),
    last_error       TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    finished_at      TEXT,
    version          BIGINT  NOT NULL CHECK (version >= 1)
);
CREATE INDEX jobs_due_idx ON jobs (priority, run_at) WHERE state = 'queued';
CREATE INDEX jobs_claim_expiry_idx ON jobs (claim_expires_at) WHERE state = 'running';
CREATE INDEX jobs_type_state_idx ON jobs (type, state, id);
CREATE INDEX jobs_finished_at_idx ON jobs (finished_at) WHERE finished_at IS NOT NULL;
-- At most one live job per unique key; finished jobs free the key.
CREATE UNIQUE INDEX jobs_live_unique_key ON jobs (unique_key)
    WHERE unique_key IS NOT NULL AND state IN ('queued', 'running');

-- Append-only, hash-chained. Actors are user ids or 'system', kept as text so the log outlives users.
CREATE TABLE audit_events (
    id             TEXT   NOT NULL PRIMARY KEY
                   CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    sequence       BIGINT NOT NULL CHECK (sequence >= 1),
    occurred_at    TEXT   NOT NULL,
    actor          TEXT   NOT NULL,
    action         TEXT   NOT NULL,
    target_type    TEXT,
    target_id      TEXT,
    outcome        TEXT   NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    correlation_id TEXT,
    client_address TEXT,
    user_agent     TEXT,
    details        TEXT   NOT NULL CHECK (json_valid(details) AND json_type(details) = 'object'),
    prev_hash      TEXT   NOT NULL CHECK (length(prev_hash) = 64),
    hash           TEXT   NOT NULL CHECK (length(hash) = 64),
    created_at     TEXT   NOT NULL
);
CREATE UNIQUE INDEX audit_events_sequence_key ON audit_events (sequence);
CREATE INDEX audit_events_actor_idx ON audit_events (actor, sequence);
CREATE INDEX audit_events_action_idx ON audit_events (action, sequence);
CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id, sequence);
CREATE INDEX audit_events_correlation_idx ON audit_events (correlation_id, sequence);
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at);

-- No foreign key to users: telemetry arrives from clients in batches and must not be refused or slowed by it.
CREATE TABLE telemetry_events (
    id             TEXT    NOT NULL PRIMARY KEY
                   CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    event_type     TEXT    NOT NULL CHECK (length(event_type) BETWEEN 3 AND 120),
    session_id     TEXT,
    user_id        TEXT,
    product_id     TEXT,
    correlation_id TEXT    NOT NULL,
    occurred_at    TEXT    NOT NULL,
    schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
    payload        TEXT    NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
    created_at     TEXT    NOT NULL
);
CREATE INDEX telemetry_events_type_idx ON telemetry_events (event_type, id);
CREATE INDEX telemetry_events_correlation_idx ON telemetry_events (correlation_id, id);
CREATE INDEX telemetry_events_user_idx ON telemetry_events (user_id, id);
CREATE INDEX telemetry_events_session_idx ON telemetry_events (session_id, id);
CREATE INDEX telemetry_events_occurred_at_idx ON telemetry_events (occurred_at);
