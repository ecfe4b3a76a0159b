-- A work item's status and state are read off its lane and block by the domain; stored beside them they could only
-- ever disagree. The lane and blocked_reason columns keep everything the two were derived from.
ALTER TABLE work_items DROP COLUMN status;
ALTER TABLE work_items DROP COLUMN state;
