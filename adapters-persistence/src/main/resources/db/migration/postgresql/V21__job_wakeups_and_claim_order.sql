-- Idle workers wait for jobs instead of polling: every statement that queues a job (an enqueue, an operator's
-- retry, a job released at shutdown or handed back after its worker died) notifies the channel bf_jobs, at
-- commit and never for a rollback, and each server's change feed wakes its workers. Claims and completions move
-- a job out of 'queued' and notify nobody. ChangeFeed.Topic.JOBS names the channel.
CREATE FUNCTION jobs_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bf_jobs', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_inserted_queued
    AFTER INSERT ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_queued();
CREATE TRIGGER jobs_requeued
    AFTER UPDATE OF state ON jobs
    FOR EACH ROW WHEN (NEW.state = 'queued' AND OLD.state <> 'queued') EXECUTE FUNCTION jobs_queued();

-- Claims take the most urgent due jobs in the order (priority DESC, run_at, id): an index in that order lets a
-- claim read its batch off the front instead of sorting every queued job.
DROP INDEX jobs_due_idx;
CREATE INDEX jobs_due_idx ON jobs (priority DESC, run_at, id) WHERE state = 'queued';
