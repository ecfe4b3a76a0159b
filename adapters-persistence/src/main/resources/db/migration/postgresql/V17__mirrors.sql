-- Mirrors of a repository: a remote it is kept in step with, pulled from or pushed to every interval_seconds.
-- Settings (interval, prune, enabled) are written under the repository's lease and keep the token they were
-- written with; the rest is the outcome of syncs. A sync is claimed first (claim_id until claim_expires_at), so that
-- of several servers one syncs a mirror at a time and only that claim may record the outcome.

CREATE TABLE mirrors (
    id                   TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    repository_id        TEXT COLLATE "C" NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    remote_url           TEXT COLLATE "C" NOT NULL CHECK (length(remote_url) BETWEEN 1 AND 2000),
    direction            TEXT NOT NULL CHECK (direction IN ('pull', 'push')),
    interval_seconds     INTEGER NOT NULL CHECK (interval_seconds BETWEEN 60 AND 604800),
    prune                BOOLEAN NOT NULL,
    enabled              BOOLEAN NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('pending', 'synced', 'failed')),
    last_sync_at         TIMESTAMPTZ,
    last_success_at      TIMESTAMPTZ,
    next_sync_at         TIMESTAMPTZ NOT NULL,
    last_error           TEXT CHECK (last_error IS NULL OR length(last_error) BETWEEN 1 AND 2000),
    consecutive_failures INTEGER NOT NULL CHECK (consecutive_failures >= 0),
    refs_updated         INTEGER NOT NULL CHECK (refs_updated >= 0),
    refs_deleted         INTEGER NOT NULL CHECK (refs_deleted >= 0),
    claim_id             TEXT COLLATE "C",
    claim_expires_at     TIMESTAMPTZ,
    fencing_token        BIGINT NOT NULL CHECK (fencing_token >= 1),
    created_by           TEXT COLLATE "C" NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    version              BIGINT NOT NULL CHECK (version >= 1),
    CONSTRAINT mirrors_claim_whole CHECK ((claim_id IS NULL) = (claim_expires_at IS NULL))
);
-- one mirror per remote and direction
CREATE UNIQUE INDEX mirrors_remote_key ON mirrors (repository_id, remote_url, direction);
-- one upstream per repository: two pull mirrors would prune each other's branches
CREATE UNIQUE INDEX mirrors_one_pull_key ON mirrors (repository_id) WHERE direction = 'pull';
-- the sync job's scan: enabled mirrors by when they are due
CREATE INDEX mirrors_due_idx ON mirrors (enabled, next_sync_at);
