-- A lease that ran out is recorded once: by the leases.expire sweep, or by the next grant, whichever comes first.
ALTER TABLE repository_leases ADD COLUMN expiry_recorded_at TIMESTAMPTZ;
