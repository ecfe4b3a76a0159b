-- How planned work is executed: runs of a workflow or a card, each card's assignment, agents' executions and
-- the commits they report, the run's quality checks, the pull-request candidate of an assignment and its
-- approvals. Every step references the one before it and is indexed by it, so lineage reads both ways stay fast.
-- Users are referenced by id without a foreign key, as in the audit trail: history outlives an erased account.

CREATE TABLE orchestration_runs (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    project_id      TEXT COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    scope           TEXT   NOT NULL CHECK (scope IN ('workflow', 'card')),
    workflow_id     TEXT COLLATE "C" REFERENCES workflows (id) ON DELETE RESTRICT,
    card_id         TEXT COLLATE "C" REFERENCES cards (id) ON DELETE RESTRICT,
    status          TEXT   NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    started_by      TEXT COLLATE "C" NOT NULL,
    input_snapshot  JSONB  NOT NULL,
    profile_version BIGINT NOT NULL CHECK (profile_version >= 0),
    created_at      TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    version         BIGINT NOT NULL CHECK (version >= 1),
    -- the seed's key constraint: a workflow run names its workflow, a card run its card, and nothing else
    CONSTRAINT orchestration_runs_scope_target CHECK (
        (scope = 'workflow' AND workflow_id IS NOT NULL AND card_id IS NULL)
        OR (scope = 'card' AND card_id IS NOT NULL AND workflow_id IS NULL))
);
CREATE INDEX orchestration_runs_project_idx ON orchestration_runs (project_id, id);
CREATE INDEX orchestration_runs_card_idx ON orchestration_runs (card_id, id) WHERE card_id IS NOT NULL;
CREATE INDEX orchestration_runs_workflow_idx ON orchestration_runs (workflow_id, id) WHERE workflow_id IS NOT NULL;

CREATE TABLE card_assignments (
    id             TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    run_id         TEXT COLLATE "C" NOT NULL REFERENCES orchestration_runs (id) ON DELETE CASCADE,
    card_id        TEXT COLLATE "C" NOT NULL REFERENCES cards (id) ON DELETE RESTRICT,
    feature_branch TEXT   NOT NULL CHECK (length(feature_branch) BETWEEN 1 AND 250),
    allowed_paths  JSONB  NOT NULL CHECK (jsonb_typeof(allowed_paths) = 'array'),
    status         TEXT   NOT NULL CHECK (status IN ('queued', 'claimed', 'completed', 'failed', 'cancelled')),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    version        BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX card_assignments_run_card_key ON card_assignments (run_id, card_id);
CREATE INDEX card_assignments_card_idx ON card_assignments (card_id);
-- what agents claim from, oldest first
CREATE INDEX card_assignments_queued_idx ON card_assignments (created_at, id) WHERE status = 'queued';

CREATE TABLE agent_executions (
    id            TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    assignment_id TEXT COLLATE "C" NOT NULL REFERENCES card_assignments (id) ON DELETE CASCADE,
    agent_id      TEXT COLLATE "C" NOT NULL,
    status        TEXT   NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'lost')),
    started_at    TIMESTAMPTZ NOT NULL,
    heartbeat_at  TIMESTAMPTZ NOT NULL,
    deadline_at   TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    exit_reason   TEXT   CHECK (exit_reason IS NULL OR length(exit_reason) BETWEEN 1 AND 2000),
    input_tokens  BIGINT NOT NULL CHECK (input_tokens >= 0),
    output_tokens BIGINT NOT NULL CHECK (output_tokens >= 0),
    cost_micros   BIGINT NOT NULL CHECK (cost_micros >= 0),
    version       BIGINT NOT NULL CHECK (version >= 1)
);
CREATE INDEX agent_executions_assignment_idx ON agent_executions (assignment_id, id);
-- one agent at a time per assignment, whatever races
CREATE UNIQUE INDEX agent_executions_one_running_key ON agent_executions (assignment_id) WHERE status = 'running';
-- the reaper's scan: running executions past their deadline
CREATE INDEX agent_executions_deadline_idx ON agent_executions (deadline_at) WHERE status = 'running';

CREATE TABLE agent_commits (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    execution_id    TEXT COLLATE "C" NOT NULL REFERENCES agent_executions (id) ON DELETE CASCADE,
    sha             TEXT COLLATE "C" NOT NULL CHECK (sha ~ '^([0-9a-f]{40}|[0-9a-f]{64})$'),
    message         TEXT   NOT NULL CHECK (length(message) BETWEEN 1 AND 20000),
    author          TEXT   NOT NULL CHECK (length(author) BETWEEN 1 AND 300),
    files           JSONB  NOT NULL CHECK (jsonb_typeof(files) = 'array'),
    offending_paths JSONB  NOT NULL CHECK (jsonb_typeof(offending_paths) = 'array'),
    committed_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX agent_commits_execution_sha_key ON agent_commits (execution_id, sha);
CREATE INDEX agent_commits_sha_idx ON agent_commits (sha);

CREATE TABLE run_checks (
    id           TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    run_id       TEXT COLLATE "C" NOT NULL REFERENCES orchestration_runs (id) ON DELETE CASCADE,
    name         TEXT   NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status       TEXT   NOT NULL CHECK (status IN ('pending', 'running', 'passed', 'failed', 'skipped')),
    required     BOOLEAN NOT NULL,
    details_url  TEXT   CHECK (details_url IS NULL OR length(details_url) BETWEEN 1 AND 2000),
    created_at   TIMESTAMPTZ NOT NULL,
    started_at   TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    version      BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX run_checks_run_name_key ON run_checks (run_id, name);

CREATE TABLE pull_request_candidates (
    id            TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    assignment_id TEXT COLLATE "C" NOT NULL REFERENCES card_assignments (id) ON DELETE CASCADE,
    branch        TEXT   NOT NULL CHECK (length(branch) BETWEEN 1 AND 250),
    title         TEXT   NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    body          TEXT   NOT NULL CHECK (length(body) <= 60000),
    state         TEXT   NOT NULL CHECK (state IN ('draft', 'ready', 'opened', 'merged', 'closed')),
    url           TEXT   CHECK (url IS NULL OR length(url) BETWEEN 1 AND 2000),
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    version       BIGINT NOT NULL CHECK (version >= 1),
    CONSTRAINT pull_request_candidates_opened_has_url CHECK (state NOT IN ('opened', 'merged') OR url IS NOT NULL)
);
-- one candidate per assignment
CREATE UNIQUE INDEX pull_request_candidates_assignment_key ON pull_request_candidates (assignment_id);

CREATE TABLE approval_requests (
    id           TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    candidate_id TEXT COLLATE "C" NOT NULL REFERENCES pull_request_candidates (id) ON DELETE CASCADE,
    requested_by TEXT COLLATE "C" NOT NULL,
    state        TEXT   NOT NULL CHECK (state IN ('requested', 'approved', 'rejected', 'withdrawn', 'expired')),
    decided_by   TEXT COLLATE "C",
    reason       TEXT   CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 4000),
    requested_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    decided_at   TIMESTAMPTZ,
    version      BIGINT NOT NULL CHECK (version >= 1),
    CONSTRAINT approval_requests_decided_by_a_person CHECK (state NOT IN ('approved', 'rejected') OR decided_by IS NOT NULL)
);
CREATE INDEX approval_requests_candidate_idx ON approval_requests (candidate_id, id);
-- at most one open request per candidate
CREATE UNIQUE INDEX approval_requests_open_key ON approval_requests (candidate_id) WHERE state = 'requested';

INSERT INTO permissions (name, description, created_at) VALUES
    ('factory.run.read', 'See a project''s runs with their assignments, executions, commits, checks, candidates and approvals.', '2026-12-02 00:00:00+00:00'),
    ('factory.run.start', 'Start and cancel runs of a project''s workflows and cards.', '2026-12-02 00:00:00+00:00'),
    ('factory.run.execute', 'Claim assignments and report executions, commits, checks and pull-request candidates, as an agent does.', '2026-12-02 00:00:00+00:00'),
    ('factory.review.approve', 'Approve or reject pull-request candidates written by someone else.', '2026-12-02 00:00:00+00:00');
INSERT INTO role_permissions (role_id, permission, created_at) VALUES
    ('01JQBF0000000000000000ADM1', 'factory.run.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.run.start', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.run.execute', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.review.approve', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.run.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.run.start', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.review.approve', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.run.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.run.start', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000VWR1', 'factory.run.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.run.read', '2026-12-02 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.run.execute', '2026-12-02 00:00:00+00:00');
