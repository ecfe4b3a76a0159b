-- The work-item control plane (postgresql): items, their dependencies and history, per-project numbering and
-- policy profiles, and the idempotency record of executed actions.

CREATE TABLE work_items (
    id                 TEXT COLLATE "C"  NOT NULL PRIMARY KEY
                       CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    project_key        TEXT COLLATE "C"  NOT NULL CHECK (project_key ~ '^[A-Z][A-Z0-9]{1,9}$'),
    number             BIGINT   NOT NULL CHECK (number >= 1),
    title              TEXT     NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description        TEXT     NOT NULL,
    work_type          TEXT     NOT NULL CHECK (work_type IN ('feature', 'implementation', 'bug', 'chore', 'research')),
    lane               TEXT     NOT NULL CHECK (lane IN ('backlog', 'ready', 'in-progress', 'review', 'done')),
    status             TEXT     NOT NULL,
    state              TEXT     NOT NULL,
    source             TEXT     NOT NULL,
    branch             TEXT,
    validation_command TEXT,
    pr_url             TEXT,
    pr_state           TEXT     CHECK (pr_state IN ('open', 'merged', 'closed')),
    done_criteria      JSONB     NOT NULL CHECK (jsonb_typeof(done_criteria) = 'array'),
    prompt_path        TEXT,
    prompt_text        TEXT,
    blocked_reason     TEXT,
    last_validation    JSONB,
    created_at         TIMESTAMPTZ     NOT NULL,
    updated_at         TIMESTAMPTZ     NOT NULL,
    version            BIGINT   NOT NULL CHECK (version >= 1),
    CHECK ((pr_url IS NULL) = (pr_state IS NULL))
);
CREATE UNIQUE INDEX work_items_project_number_key ON work_items (project_key, number);
CREATE INDEX work_items_project_idx ON work_items (project_key, id);
CREATE INDEX work_items_lane_idx ON work_items (lane, id);

-- An item cannot be removed while another depends on it.
CREATE TABLE work_item_dependencies (
    work_item_id  TEXT COLLATE "C" NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    depends_on_id TEXT COLLATE "C" NOT NULL REFERENCES work_items (id) ON DELETE RESTRICT,
    PRIMARY KEY (work_item_id, depends_on_id),
    CHECK (work_item_id <> depends_on_id)
);
CREATE INDEX work_item_dependencies_depends_on_idx ON work_item_dependencies (depends_on_id);

CREATE TABLE work_item_counters (
    project_key TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    last_number BIGINT  NOT NULL CHECK (last_number >= 1),
    updated_at  TIMESTAMPTZ    NOT NULL
);

CREATE TABLE work_item_history (
    id           TEXT COLLATE "C" NOT NULL PRIMARY KEY
                 CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    work_item_id TEXT COLLATE "C" NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    item_version BIGINT  NOT NULL,
    reason       TEXT    NOT NULL,
    captured_by  TEXT    NOT NULL,
    snapshot     JSONB    NOT NULL CHECK (jsonb_typeof(snapshot) = 'object'),
    created_at   TIMESTAMPTZ    NOT NULL
);
CREATE INDEX work_item_history_item_idx ON work_item_history (work_item_id, id);

-- An executed action, by its Idempotency-Key: a retry with the same key gets this response back, byte for
-- byte (text, not jsonb, which would reorder the keys).
CREATE TABLE work_item_action_requests (
    work_item_id    TEXT COLLATE "C" NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
    idempotency_key TEXT    NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    action          TEXT    NOT NULL,
    actor           TEXT    NOT NULL,
    response_body   TEXT    NOT NULL CHECK (jsonb_typeof(response_body::jsonb) = 'object'),
    created_at      TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (work_item_id, idempotency_key)
);

CREATE TABLE project_policies (
    project_key TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    profile     JSONB    NOT NULL CHECK (jsonb_typeof(profile) = 'object'),
    version     BIGINT  NOT NULL CHECK (version >= 1),
    updated_at  TIMESTAMPTZ    NOT NULL
);

INSERT INTO permissions (name, description, created_at) VALUES
    ('factory.policy.manage', 'Change a project''s policy profile (which gates hold which action).', '2026-11-22 00:00:00+00:00');
INSERT INTO role_permissions (role_id, permission, created_at) VALUES
    ('01JQBF0000000000000000ADM1', 'factory.policy.manage', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.policy.manage', '2026-11-22 00:00:00+00:00');
