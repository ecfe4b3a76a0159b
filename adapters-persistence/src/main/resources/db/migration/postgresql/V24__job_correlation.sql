-- The correlation id of the request that queued a job (NULL for the service's own schedules): the job's audit
-- entries and telemetry carry it, so one id finds the request and everything it set going.
ALTER TABLE jobs ADD COLUMN correlation_id TEXT;
