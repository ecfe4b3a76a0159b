-- The planning model: workflows of activities of cards, each card with its knowledge, planned files and context
-- artifacts; a policy profile per project; and the planning action log that makes every change idempotent and
-- ordered. Sibling order is a fractional rank (0-9A-Za-z, never ending in 0) compared byte by byte (BINARY),
-- unique among siblings, so a move writes one row and two rows never tie.

CREATE TABLE workflows (
    id          TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name        TEXT   NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description TEXT   NOT NULL CHECK (length(description) <= 10000),
    rank        TEXT NOT NULL CHECK (length(rank) BETWEEN 1 AND 200 AND rank NOT GLOB '*[^0-9A-Za-z]*' AND rank NOT GLOB '*0'),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX workflows_rank_key ON workflows (project_id, rank);
-- what activities reference, so an activity's project is its workflow's, enforced here
CREATE UNIQUE INDEX workflows_project_key ON workflows (id, project_id);

CREATE TABLE workflow_activities (
    id          TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    workflow_id TEXT NOT NULL,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name        TEXT   NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    color       TEXT   NOT NULL CHECK (length(color) = 7 AND color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    rank        TEXT NOT NULL CHECK (length(rank) BETWEEN 1 AND 200 AND rank NOT GLOB '*[^0-9A-Za-z]*' AND rank NOT GLOB '*0'),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     BIGINT NOT NULL CHECK (version >= 1),
    FOREIGN KEY (workflow_id, project_id) REFERENCES workflows (id, project_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX workflow_activities_rank_key ON workflow_activities (workflow_id, rank);
CREATE UNIQUE INDEX workflow_activities_project_key ON workflow_activities (id, project_id);

CREATE TABLE cards (
    id          TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    activity_id TEXT NOT NULL,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title       TEXT   NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description TEXT   NOT NULL CHECK (length(description) <= 20000),
    status      TEXT   NOT NULL CHECK (status IN ('backlog', 'ready', 'in-progress', 'review', 'done')),
    priority    TEXT   NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    build_state TEXT   NOT NULL CHECK (build_state IN ('not-started', 'queued', 'building', 'built', 'failed')),
    rank        TEXT NOT NULL CHECK (length(rank) BETWEEN 1 AND 200 AND rank NOT GLOB '*[^0-9A-Za-z]*' AND rank NOT GLOB '*0'),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     BIGINT NOT NULL CHECK (version >= 1),
    -- a card moves between activities of its own project only
    FOREIGN KEY (activity_id, project_id) REFERENCES workflow_activities (id, project_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX cards_rank_key ON cards (activity_id, rank);
CREATE INDEX cards_project_idx ON cards (project_id);

-- Knowledge: what a card must do, what is known, what is assumed, what is still asked.
CREATE TABLE card_requirements (
    id         TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    text       TEXT   NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    source     TEXT   CHECK (source IS NULL OR length(source) BETWEEN 1 AND 2000),
    rank       TEXT NOT NULL CHECK (length(rank) BETWEEN 1 AND 200 AND rank NOT GLOB '*[^0-9A-Za-z]*' AND rank NOT GLOB '*0'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX card_requirements_rank_key ON card_requirements (card_id, rank);

CREATE TABLE card_known_facts (
    id         TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    text       TEXT   NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    source     TEXT   CHECK (source IS NULL OR length(source) BETWEEN 1 AND 2000),
    confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
    rank       TEXT NOT NULL CHECK (length(rank) BETWEEN 1 AND 200 AND rank NOT GLOB '*[^0-9A-Za-z]*' AND rank NOT GLOB '*0'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX card_known_facts_rank_key ON card_known_facts (card_id, rank);

CREATE TABLE card_assumptions (
    id         TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    text       TEXT   NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    source     TEXT   CHECK (source IS NULL OR length(source) BETWEEN 1 AND 2000),
    confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
    rank       TEXT NOT NULL CHECK (length(rank) BETWEEN 1 AND 200 AND rank NOT GLOB '*[^0-9A-Za-z]*' AND rank NOT GLOB '*0'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX card_assumptions_rank_key ON card_assumptions (card_id, rank);

CREATE TABLE card_questions (
    id         TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    card_id    TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    text       TEXT   NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    source     TEXT   CHECK (source IS NULL OR length(source) BETWEEN 1 AND 2000),
    answer     TEXT   CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 10000),
    status     TEXT   NOT NULL CHECK (status IN ('open', 'answered', 'dropped')),
    rank       TEXT NOT NULL CHECK (length(rank) BETWEEN 1 AND 200 AND rank NOT GLOB '*[^0-9A-Za-z]*' AND rank NOT GLOB '*0'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    BIGINT NOT NULL CHECK (version >= 1),
    CHECK ((status = 'answered') = (answer IS NOT NULL))
);
CREATE UNIQUE INDEX card_questions_rank_key ON card_questions (card_id, rank);

CREATE TABLE card_planned_files (
    id             TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    card_id        TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    logical_path   TEXT NOT NULL CHECK (length(logical_path) BETWEEN 1 AND 1000),
    module_hint    TEXT   CHECK (module_hint IS NULL OR length(module_hint) BETWEEN 1 AND 200),
    artifact_kind  TEXT   NOT NULL CHECK (artifact_kind IN ('source', 'test', 'config', 'schema', 'doc', 'asset')),
    action         TEXT   NOT NULL CHECK (action IN ('create', 'modify', 'delete')),
    intent_summary TEXT   NOT NULL CHECK (length(intent_summary) BETWEEN 1 AND 4000),
    contract_notes TEXT   CHECK (contract_notes IS NULL OR length(contract_notes) <= 10000),
    status         TEXT   NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
    rank           TEXT NOT NULL CHECK (length(rank) BETWEEN 1 AND 200 AND rank NOT GLOB '*[^0-9A-Za-z]*' AND rank NOT GLOB '*0'),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX card_planned_files_rank_key ON card_planned_files (card_id, rank);
CREATE UNIQUE INDEX card_planned_files_path_key ON card_planned_files (card_id, logical_path);

-- Context a project's cards draw on: a document, a link or a pointer into an integration; never empty.
CREATE TABLE context_artifacts (
    id              TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    type            TEXT   NOT NULL CHECK (type IN ('document', 'specification', 'design', 'decision', 'link', 'snippet', 'integration')),
    title           TEXT   NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    content         TEXT   CHECK (content IS NULL OR length(content) BETWEEN 1 AND 200000),
    uri             TEXT   CHECK (uri IS NULL OR length(uri) BETWEEN 1 AND 2000),
    integration_ref TEXT   CHECK (integration_ref IS NULL OR length(integration_ref) BETWEEN 1 AND 500),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         BIGINT NOT NULL CHECK (version >= 1),
    CONSTRAINT context_artifacts_has_substance
        CHECK (content IS NOT NULL OR uri IS NOT NULL OR integration_ref IS NOT NULL)
);
CREATE INDEX context_artifacts_project_idx ON context_artifacts (project_id, id);

CREATE TABLE card_context_artifacts (
    card_id     TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    artifact_id TEXT NOT NULL REFERENCES context_artifacts (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (card_id, artifact_id)
);
CREATE INDEX card_context_artifacts_artifact_idx ON card_context_artifacts (artifact_id);

-- What a run of a project's cards must satisfy: the checks that gate it and where agents may write.
CREATE TABLE system_policy_profiles (
    project_id      TEXT NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    required_checks TEXT NOT NULL CHECK (json_valid(required_checks) AND json_type(required_checks) = 'array'),
    allowed_paths TEXT NOT NULL CHECK (json_valid(allowed_paths) AND json_type(allowed_paths) = 'array'),
    forbidden_paths TEXT NOT NULL CHECK (json_valid(forbidden_paths) AND json_type(forbidden_paths) = 'array'),
    updated_at      TEXT NOT NULL,
    version         BIGINT NOT NULL CHECK (version >= 1)
);

-- Every planning change, in the order it was applied: the project's action_sequence is the last one here.
CREATE TABLE planning_actions (
    project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    sequence        BIGINT NOT NULL CHECK (sequence >= 1),
    action_type     TEXT   NOT NULL CHECK (length(action_type) BETWEEN 1 AND 60),
    actor_id        TEXT NOT NULL,
    idempotency_key TEXT CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 1 AND 200),
    payload         TEXT   NOT NULL CHECK (json_valid(payload)),
    result          TEXT   NOT NULL CHECK (json_valid(result)),
    created_at      TEXT NOT NULL,
    PRIMARY KEY (project_id, sequence)
);
CREATE UNIQUE INDEX planning_actions_idempotency_key ON planning_actions (project_id, idempotency_key);
-- a deletion replayed by its key names an object that is gone: the key alone finds its project
CREATE INDEX planning_actions_key_idx ON planning_actions (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- A work item may say which card it came from; deleting the card leaves the work item, unlinked.
ALTER TABLE work_items ADD COLUMN card_id TEXT REFERENCES cards (id) ON DELETE SET NULL;
CREATE INDEX work_items_card_idx ON work_items (card_id) WHERE card_id IS NOT NULL;

INSERT INTO permissions (name, description, created_at) VALUES
    ('factory.planning.read', 'See a project''s workflows, cards, knowledge, artifacts, policy profile and planning log.', '2026-12-02 00:00:00+00:00'),
    ('factory.planning.write', 'Create, change, move and delete a project''s workflows, activities, cards, knowledge, planned files and artifacts.', '2026-12-02 00:00:00+00:00'),
    ('factory.planning.manage-policy', 'Change a project''s policy profile: required checks and allowed or forbidden paths.', '2026-12-02 00:00:00+00:00');
INSERT INTO role_permissions (role_id, permission, created_at) VALUES
    ('01JQBF0000000000000000ADM1', 'factory.planning.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.planning.write', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.planning.manage-policy', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.planning.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.planning.write', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.planning.manage-policy', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.planning.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.planning.write', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000VWR1', 'factory.planning.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.planning.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.planning.write', '2026-12-02 00:00:00+00:00');
