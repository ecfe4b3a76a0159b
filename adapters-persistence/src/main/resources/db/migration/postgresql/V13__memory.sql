-- A project's memory: units of content (sensitive values already redacted or sealed by the application), the
-- scopes each applies to (its project, and the project's workflows, cards and runs), and the log of every search
-- with what it returned. Full-text search is the engine's own: a tsvector of the searchable words in the english
-- configuration, generated from search_text (the words the application extracted, as SQLite's FTS5 table sees
-- them) and indexed with GIN.

CREATE TABLE memory_units (
    id            TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    project_id    TEXT COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('fact', 'decision', 'lesson', 'summary', 'snippet')),
    source        TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 2000),
    content       TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 1000000),
    search_text   TEXT NOT NULL,
    embedding_ref TEXT CHECK (embedding_ref IS NULL OR length(embedding_ref) BETWEEN 1 AND 500),
    findings      JSONB NOT NULL CHECK (jsonb_typeof(findings) = 'object'),
    created_by    TEXT COLLATE "C" NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    search_vector TSVECTOR GENERATED ALWAYS AS (to_tsvector('english'::regconfig, search_text)) STORED
);
CREATE INDEX memory_units_project_idx ON memory_units (project_id, id);
CREATE INDEX memory_units_search_idx ON memory_units USING gin (search_vector);

CREATE TABLE memory_unit_relations (
    unit_id    TEXT COLLATE "C" NOT NULL REFERENCES memory_units (id) ON DELETE CASCADE,
    scope      TEXT NOT NULL CHECK (scope IN ('project', 'workflow', 'card', 'run')),
    scope_id   TEXT COLLATE "C" NOT NULL CHECK (length(scope_id) = 26),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (unit_id, scope, scope_id)
);
-- the units of a scope, newest first
CREATE INDEX memory_unit_relations_scope_idx ON memory_unit_relations (scope, scope_id, unit_id);

CREATE TABLE memory_retrievals (
    id           TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    project_id   TEXT COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    query        TEXT NOT NULL CHECK (length(query) BETWEEN 1 AND 4000),
    scopes       JSONB NOT NULL CHECK (jsonb_typeof(scopes) = 'array'),
    run_id       TEXT COLLATE "C" REFERENCES orchestration_runs (id) ON DELETE CASCADE,
    execution_id TEXT COLLATE "C" REFERENCES agent_executions (id) ON DELETE CASCADE,
    retrieved_by TEXT COLLATE "C" NOT NULL,
    retrieved_at TIMESTAMPTZ NOT NULL,
    hits         JSONB NOT NULL CHECK (jsonb_typeof(hits) = 'array'),
    CONSTRAINT memory_retrievals_execution_has_run CHECK (execution_id IS NULL OR run_id IS NOT NULL)
);
CREATE INDEX memory_retrievals_run_idx ON memory_retrievals (run_id, id) WHERE run_id IS NOT NULL;
CREATE INDEX memory_retrievals_project_idx ON memory_retrievals (project_id, id);

-- what the approvals.expire job sweeps: open requests by expiry
CREATE INDEX approval_requests_expiry_idx ON approval_requests (expires_at) WHERE state = 'requested';
INSERT INTO permissions (name, description, created_at) VALUES
    ('factory.memory.read', 'Search a project''s memory, read its units and the retrievals that served its runs.', '2026-12-03 00:00:00+00:00'),
    ('factory.memory.write', 'Write, relate and delete a project''s memory units.', '2026-12-03 00:00:00+00:00');
INSERT INTO role_permissions (role_id, permission, created_at) VALUES
    ('01JQBF0000000000000000ADM1', 'factory.memory.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.memory.write', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.memory.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.memory.write', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.memory.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.memory.write', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000VWR1', 'factory.memory.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.memory.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.memory.write', '2026-12-03 00:00:00+00:00');
