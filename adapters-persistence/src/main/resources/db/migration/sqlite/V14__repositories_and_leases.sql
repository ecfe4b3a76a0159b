-- Code repositories of a project and their single-writer leases. A repository's id never changes (a trigger
-- refuses it, as on PostgreSQL), and updated_at moves on every update that does not set it, as PostgreSQL's
-- trigger does. Each repository has one lease row for life: its fencing_token counts every grant, so tokens
-- increase strictly across releases, expiries and restarts; a grant is one conditional UPDATE, which only a free
-- lease (never granted, released, or past its expiry) passes.

CREATE TABLE repositories (
    id               TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    project_id       TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    default_branch   TEXT NOT NULL CHECK (length(default_branch) BETWEEN 1 AND 250),
    visibility       TEXT NOT NULL CHECK (visibility IN ('private', 'internal', 'public')),
    storage_location TEXT NOT NULL CHECK (length(storage_location) BETWEEN 1 AND 2000),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          BIGINT NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX repositories_project_name_key ON repositories (project_id, name);

CREATE TRIGGER repositories_id_immutable BEFORE UPDATE OF id ON repositories
WHEN new.id IS NOT old.id
BEGIN
    SELECT RAISE(ABORT, 'repositories.id is immutable');
END;

CREATE TRIGGER repositories_updated_at AFTER UPDATE ON repositories
WHEN new.updated_at IS old.updated_at
BEGIN
    UPDATE repositories SET updated_at = strftime('%Y-%m-%d %H:%M:%f+00:00', 'now') WHERE id = new.id;
END;

CREATE TABLE repository_leases (
    repository_id TEXT NOT NULL PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    fencing_token BIGINT NOT NULL CHECK (fencing_token >= 0),
    holder_id     TEXT,
    acquired_at   TEXT,
    expires_at    TEXT,
    released_at   TEXT,
    CONSTRAINT repository_leases_grant_whole CHECK (
        (holder_id IS NULL AND acquired_at IS NULL AND expires_at IS NULL AND released_at IS NULL AND fencing_token = 0)
        OR (holder_id IS NOT NULL AND acquired_at IS NOT NULL AND expires_at IS NOT NULL AND fencing_token >= 1))
);
-- held leases by expiry: what is about to come free
CREATE INDEX repository_leases_expiry_idx ON repository_leases (expires_at) WHERE released_at IS NULL AND holder_id IS NOT NULL;
-- a holder's leases
CREATE INDEX repository_leases_holder_idx ON repository_leases (holder_id) WHERE holder_id IS NOT NULL;

INSERT INTO permissions (name, description, created_at) VALUES
    ('factory.repository.read', 'See a project''s repositories, their leases, mirrors, objects and relationships.', '2026-12-03 00:00:00+00:00'),
    ('factory.repository.write', 'Create repositories, take and release their lease, and write under it.', '2026-12-03 00:00:00+00:00');
INSERT INTO role_permissions (role_id, permission, created_at) VALUES
    ('01JQBF0000000000000000ADM1', 'factory.repository.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.repository.write', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.repository.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.repository.write', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.repository.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000VWR1', 'factory.repository.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.repository.read', '2026-12-03 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.repository.write', '2026-12-03 00:00:00+00:00');
