-- An execution that works on a repository holds the repository's lease: the grant's fencing token is kept with
-- it, and every commit it reports presents that token. Both are set together, or neither.
ALTER TABLE agent_executions ADD COLUMN repository_id TEXT REFERENCES repositories (id);
ALTER TABLE agent_executions ADD COLUMN fencing_token BIGINT
    CHECK ((fencing_token IS NULL AND repository_id IS NULL) OR (fencing_token >= 1 AND repository_id IS NOT NULL));
ALTER TABLE agent_commits ADD COLUMN fencing_token BIGINT CHECK (fencing_token IS NULL OR fencing_token >= 1);
