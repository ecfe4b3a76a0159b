-- PostgreSQL's V21 also makes the database notify every server when a job is queued. A SQLite file is served by
-- one process, whose job repository wakes its own workers (ChangeFeed): only the index is needed here.

-- Claims take the most urgent due jobs in the order (priority DESC, run_at, id): an index in that order lets a
-- claim read its batch off the front instead of sorting every queued job.
DROP INDEX jobs_due_idx;
CREATE INDEX jobs_due_idx ON jobs (priority DESC, run_at, id) WHERE state = 'queued';
