-- Queue truth from observed signals: how old a work item's oldest delivery signal may be before its queue truth
-- is stale, per project. And the work-item handoff: a run queued by a work item's start-execution carries the
-- key of that handoff, unique, so a handoff job that runs twice queues one run.

ALTER TABLE system_policy_profiles
    ADD COLUMN signals_stale_after_seconds BIGINT NOT NULL DEFAULT 900
        CHECK (signals_stale_after_seconds BETWEEN 1 AND 2592000);

ALTER TABLE orchestration_runs
    ADD COLUMN handoff_key TEXT CHECK (handoff_key IS NULL OR length(handoff_key) BETWEEN 1 AND 200);
CREATE UNIQUE INDEX orchestration_runs_handoff_key ON orchestration_runs (handoff_key) WHERE handoff_key IS NOT NULL;
