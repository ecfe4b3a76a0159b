-- Failed and dead jobs are what an operator watches (the bf_jobs gauge counts them on every scrape); queued and
-- running ones have partial indexes already. Finished jobs are mostly succeeded, so this index stays small.
CREATE INDEX jobs_needing_attention_idx ON jobs (state) WHERE state IN ('failed', 'dead');
