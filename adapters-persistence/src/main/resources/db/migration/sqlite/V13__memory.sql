-- A project's memory: units of content (sensitive values already redacted or sealed by the application), the
-- scopes each applies to (its project, and the project's workflows, cards and runs), and the log of every search
-- with what it returned. Full-text search is the engine's own: an FTS5 table here, kept in step by triggers;
-- PostgreSQL indexes the same searchable words as a tsvector. Both see search_text, the words the application
-- extracted, so they split text the same way.

CREATE TABLE memory_units (
    id            TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('fact', 'decision', 'lesson', 'summary', 'snippet')),
    source        TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 2000),
    content       TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 1000000),
    search_text   TEXT NOT NULL,
    embedding_ref TEXT CHECK (embedding_ref IS NULL OR length(embedding_ref) BETWEEN 1 AND 500),
    findings      TEXT NOT NULL CHECK (json_valid(findings) AND json_type(findings) = 'object'),
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX memory_units_project_idx ON memory_units (project_id, id);

CREATE TABLE memory_unit_relations (
    unit_id    TEXT NOT NULL REFERENCES memory_units (id) ON DELETE CASCADE,
    scope      TEXT NOT NULL CHECK (scope IN ('project', 'workflow', 'card', 'run')),
    scope_id   TEXT NOT NULL CHECK (length(scope_id) = 26),
    created_at TEXT NOT NULL,
    PRIMARY KEY (unit_id, scope, scope_id)
);
-- the units of a scope, newest first
CREATE INDEX memory_unit_relations_scope_idx ON memory_unit_relations (scope, scope_id, unit_id);

CREATE TABLE memory_retrievals (
    id           TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    query        TEXT NOT NULL CHECK (length(query) BETWEEN 1 AND 4000),
    scopes       TEXT NOT NULL CHECK (json_valid(scopes) AND json_type(scopes) = 'array'),
    run_id       TEXT REFERENCES orchestration_runs (id) ON DELETE CASCADE,
    execution_id TEXT REFERENCES agent_executions (id) ON DELETE CASCADE,
    retrieved_by TEXT NOT NULL,
    retrieved_at TEXT NOT NULL,
    hits         TEXT NOT NULL CHECK (json_valid(hits) AND json_type(hits) = 'array'),
    CONSTRAINT memory_retrievals_execution_has_run CHECK (execution_id IS NULL OR run_id IS NOT NULL)
);
CREATE INDEX memory_retrievals_run_idx ON memory_retrievals (run_id, id) WHERE run_id IS NOT NULL;
CREATE INDEX memory_retrievals_project_idx ON memory_retrievals (project_id, id);

-- what the approvals.expire job sweeps: open requests by expiry
CREATE INDEX approval_requests_expiry_idx ON approval_requests (expires_at) WHERE state = 'requested';

-- The full-text index: the unit's searchable words, stemmed (Porter). Each unit's index row is found through
-- memory_units_fts_keys, never by the unit's own rowid: a VACUUM may renumber the rowids of memory_units, whose key
-- is text, while FTS5's rowids stay. So removing a unit's row is a key lookup, not a scan of the index.
CREATE VIRTUAL TABLE memory_units_fts USING fts5 (
    search_text,
    unit_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 0'
);
CREATE TABLE memory_units_fts_keys (
    unit_id   TEXT NOT NULL PRIMARY KEY,
    fts_rowid INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;
-- the next index rowid is read off the unique index (one writer at a time on SQLite)
CREATE TRIGGER memory_units_fts_insert AFTER INSERT ON memory_units BEGIN
    INSERT INTO memory_units_fts_keys (unit_id, fts_rowid)
    VALUES (new.id, coalesce((SELECT max(fts_rowid) FROM memory_units_fts_keys), 0) + 1);
    INSERT INTO memory_units_fts (rowid, search_text, unit_id)
    VALUES ((SELECT fts_rowid FROM memory_units_fts_keys WHERE unit_id = new.id), new.search_text, new.id);
END;
CREATE TRIGGER memory_units_fts_delete AFTER DELETE ON memory_units BEGIN
    DELETE FROM memory_units_fts
    WHERE rowid = (SELECT fts_rowid FROM memory_units_fts_keys WHERE unit_id = old.id);
    DELETE FROM memory_units_fts_keys WHERE unit_id = old.id;
END;
CREATE TRIGGER memory_units_fts_update AFTER UPDATE OF search_text ON memory_units BEGIN
    UPDATE memory_units_fts SET search_text = new.search_text
    WHERE rowid = (SELECT fts_rowid FROM memory_units_fts_keys WHERE unit_id = old.id);
END;

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
