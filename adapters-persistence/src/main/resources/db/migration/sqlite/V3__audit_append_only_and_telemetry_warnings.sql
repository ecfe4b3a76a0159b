-- The audit log is append-only: the database itself refuses to change or remove an entry, whoever asks.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: entries cannot be updated');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: entries cannot be deleted');
END;

-- What the telemetry sink could not store, and why: invalid events one by one, drops counted per flush.
CREATE TABLE telemetry_ingestion_warnings (
    id          TEXT    NOT NULL PRIMARY KEY
                CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    reason      TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 100),
    event_count BIGINT  NOT NULL CHECK (event_count >= 1),
    event_id    TEXT,
    event_type  TEXT,
    detail      TEXT,
    created_at  TEXT    NOT NULL
);
CREATE INDEX telemetry_ingestion_warnings_created_at_idx ON telemetry_ingestion_warnings (created_at);
