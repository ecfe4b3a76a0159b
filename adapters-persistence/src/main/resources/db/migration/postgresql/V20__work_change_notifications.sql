-- Servers keep what a work item's control-plane page reads in memory (the item and its dependencies, the project
-- and its members, the policies, the card's delivery signals), and must hear at once when any of it changes
-- anywhere: every write to these tables notifies the channel bf_work, at commit and never for a rollback, once
-- per statement. The list is ChangeFeed.Topic.WORK's; ChangeFeedOnPostgresqlTest keeps the two equal.
CREATE FUNCTION work_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bf_work', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER work_items_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON work_items
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER work_item_dependencies_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON work_item_dependencies
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER project_policies_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_policies
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER system_policy_profiles_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON system_policy_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER projects_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER project_members_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_members
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER orchestration_runs_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orchestration_runs
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER card_assignments_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON card_assignments
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER run_checks_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON run_checks
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER pull_request_candidates_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pull_request_candidates
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
CREATE TRIGGER approval_requests_work_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON approval_requests
    FOR EACH STATEMENT EXECUTE FUNCTION work_changed();
