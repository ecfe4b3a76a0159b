-- Each `db copy` that filled this database: which source, when it began, and when it finished, verified. A row
-- whose finished_at is NULL is a copy still running or one that was interrupted: the server refuses to start on
-- such a database, which holds only part of its source. The copy never copies this table: it describes this
-- database, not its source.
CREATE TABLE database_copies (
    id          TEXT NOT NULL PRIMARY KEY,
    source      TEXT NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    rows_copied BIGINT CHECK (rows_copied >= 0)
);
