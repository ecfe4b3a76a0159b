-- The audit log is append-only: the database itself refuses to change or remove an entry, whoever asks.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- What the telemetry sink could not store, and why: invalid events one by one, drops counted per flush.
CREATE TABLE telemetry_ingestion_warnings (
    id          TEXT COLLATE "C" NOT NULL PRIMARY KEY
                CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    reason      TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 100),
    event_count BIGINT  NOT NULL CHECK (event_count >= 1),
    event_id    TEXT,
    event_type  TEXT,
    detail      TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX telemetry_ingestion_warnings_created_at_idx ON telemetry_ingestion_warnings (created_at);
