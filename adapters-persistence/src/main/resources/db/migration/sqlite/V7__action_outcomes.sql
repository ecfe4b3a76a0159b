-- An idempotent action keeps its typed outcome (JSON of the domain result: the item, the gate verdicts, the policy
-- version) instead of the HTTP body it was rendered to; the edge renders a replay through the same view.
-- Rows kept before this version hold rendered bodies, which cannot be read as outcomes: they are dropped. A client
-- retrying across the upgrade with such a key has its action evaluated afresh (the gates see the item's new lane).
DELETE FROM work_item_action_requests;
ALTER TABLE work_item_action_requests RENAME COLUMN response_body TO outcome;
