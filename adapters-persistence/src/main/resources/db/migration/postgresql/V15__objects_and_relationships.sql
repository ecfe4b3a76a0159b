-- What a repository stores, by object id, and how repositories relate. Both are written under the repository's
-- lease: each row keeps the fencing token it was written with. An oid is a SHA-256 in lower-case hex, once per
-- repository; the same object in several repositories is found by its oid. A relationship names two different
-- repositories, once per kind; cycles of depends-on are refused by the domain.

CREATE TABLE object_metadata (
    repository_id TEXT COLLATE "C" NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    oid           TEXT COLLATE "C" NOT NULL CHECK (oid ~ '^[0-9a-f]{64}$'),
    size_bytes    BIGINT NOT NULL CHECK (size_bytes >= 0),
    content_type  TEXT NOT NULL CHECK (length(content_type) BETWEEN 1 AND 255),
    storage_key   TEXT NOT NULL CHECK (length(storage_key) BETWEEN 1 AND 1000),
    fencing_token BIGINT NOT NULL CHECK (fencing_token >= 1),
    created_by    TEXT COLLATE "C" NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (repository_id, oid)
);
CREATE INDEX object_metadata_oid_idx ON object_metadata (oid);

CREATE TABLE repository_relationships (
    source_id     TEXT COLLATE "C" NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('fork-of', 'mirror-of', 'depends-on')),
    target_id     TEXT COLLATE "C" NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    fencing_token BIGINT NOT NULL CHECK (fencing_token >= 1),
    created_by    TEXT COLLATE "C" NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_id, kind, target_id),
    CONSTRAINT repository_relationships_not_self CHECK (source_id <> target_id)
);
-- who points at a repository
CREATE INDEX repository_relationships_target_idx ON repository_relationships (target_id, kind);
