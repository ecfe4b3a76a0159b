-- Servers keep who a credential is, and what its user may do, in memory, and must hear at once when that
-- changes anywhere: every change to a credential's validity, a user, a role, a grant or an assignment notifies
-- the channel bf_principals. pg_notify is transactional: listeners hear it when the change commits, never for a
-- rollback, and several notifications of one transaction arrive as one. Statement-level, so a change of many
-- rows notifies once. A session's or token's last use (touch) is left out: it changes no one's rights.
CREATE FUNCTION principals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bf_principals', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER sessions_principals_changed
    AFTER UPDATE OF ended_at, end_reason, user_id, token_hash, absolute_expires_at OR DELETE OR TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION principals_changed();
CREATE TRIGGER api_tokens_principals_changed
    AFTER UPDATE OF revoked_at, expires_at, user_id, token_hash OR DELETE OR TRUNCATE ON api_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION principals_changed();
CREATE TRIGGER users_principals_changed
    AFTER UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION principals_changed();
CREATE TRIGGER roles_principals_changed
    AFTER UPDATE OR DELETE OR TRUNCATE ON roles
    FOR EACH STATEMENT EXECUTE FUNCTION principals_changed();
CREATE TRIGGER role_permissions_principals_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_permissions
    FOR EACH STATEMENT EXECUTE FUNCTION principals_changed();
CREATE TRIGGER user_roles_principals_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_roles
    FOR EACH STATEMENT EXECUTE FUNCTION principals_changed();
