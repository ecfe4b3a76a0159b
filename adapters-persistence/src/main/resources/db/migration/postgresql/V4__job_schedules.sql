-- Recurring schedules: one row per schedule, moved forward by compare-and-set so that among several servers
-- exactly one enqueues the job of each period.
CREATE TABLE job_schedules (
    name        TEXT NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
    next_run_at TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Reaping expired claims and listing a job type's history stay index-backed.
CREATE INDEX jobs_claimed_by_idx ON jobs (claimed_by) WHERE state = 'running';
