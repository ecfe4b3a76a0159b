-- Identity and access (sqlite): agents' API tokens, login throttling, and the seeded permission
-- catalogue and roles. The catalogue must equal io.buildfactory.domain.identity.Permissions (a test checks).

CREATE TABLE api_tokens (
    id           TEXT NOT NULL PRIMARY KEY
                 CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash   TEXT NOT NULL CHECK (length(token_hash) = 64),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    expires_at   TEXT,
    revoked_at   TEXT,
    last_used_at TEXT
);
CREATE UNIQUE INDEX api_tokens_token_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

-- Failed logins per key: 'account:<sha-256 of the email>' or 'address:<client address>'.
CREATE TABLE login_throttles (
    throttle_key      TEXT    NOT NULL PRIMARY KEY CHECK (length(throttle_key) BETWEEN 1 AND 200),
    failures          INTEGER NOT NULL CHECK (failures >= 0),
    window_started_at TEXT NOT NULL,
    unblocks_at       TEXT,
    updated_at        TEXT NOT NULL
);

INSERT INTO permissions (name, description, created_at) VALUES
    ('factory.user.read', 'See users and their roles.', '2026-11-22 00:00:00+00:00'),
    ('factory.user.manage', 'Create users, disable them, manage their identity links and API tokens.', '2026-11-22 00:00:00+00:00'),
    ('factory.role.read', 'See roles and the permission catalogue.', '2026-11-22 00:00:00+00:00'),
    ('factory.role.manage', 'Create roles, grant and revoke permissions, assign roles to users.', '2026-11-22 00:00:00+00:00'),
    ('factory.audit.read', 'Read and export the audit log.', '2026-11-22 00:00:00+00:00'),
    ('factory.telemetry.read', 'Query telemetry.', '2026-11-22 00:00:00+00:00'),
    ('factory.telemetry.write', 'Send telemetry events.', '2026-11-22 00:00:00+00:00'),
    ('factory.job.read', 'See jobs.', '2026-11-22 00:00:00+00:00'),
    ('factory.job.manage', 'Cancel and retry jobs.', '2026-11-22 00:00:00+00:00'),
    ('factory.work-item.read', 'See work items.', '2026-11-22 00:00:00+00:00'),
    ('factory.work-item.create', 'Create work items.', '2026-11-22 00:00:00+00:00'),
    ('factory.work-item.update', 'Edit work item fields.', '2026-11-22 00:00:00+00:00'),
    ('factory.work-item.execute', 'Start execution of a work item.', '2026-11-22 00:00:00+00:00'),
    ('factory.work-item.request-review', 'Move a work item to review.', '2026-11-22 00:00:00+00:00'),
    ('factory.work-item.complete', 'Complete a reviewed work item.', '2026-11-22 00:00:00+00:00'),
    ('factory.work-item.prepare-release', 'Run release-preparation checks.', '2026-11-22 00:00:00+00:00'),
    ('factory.work-item.record-history', 'Capture history snapshots.', '2026-11-22 00:00:00+00:00'),
    ('factory.work-item.block', 'Block and unblock work items.', '2026-11-22 00:00:00+00:00'),
    ('factory.conversation.create', 'Start conversations with agents.', '2026-11-22 00:00:00+00:00'),
    ('factory.conversation.read-any', 'Read others'' conversations, with a stated reason.', '2026-11-22 00:00:00+00:00'),
    ('factory.conversation.reveal', 'Decrypt sensitive content in conversations.', '2026-11-22 00:00:00+00:00'),
    ('factory.retention.manage', 'Manage retention policies.', '2026-11-22 00:00:00+00:00');

INSERT INTO roles (id, name, description, built_in, created_at, updated_at, version) VALUES
    ('01JQBF0000000000000000ADM1', 'admin', 'Everything, including users, roles and permissions.', TRUE, '2026-11-22 00:00:00+00:00', '2026-11-22 00:00:00+00:00', 1),
    ('01JQBF0000000000000000MNT1', 'maintainer', 'Runs the factory: all work-item actions, jobs, audit and telemetry; reads users and roles.', TRUE, '2026-11-22 00:00:00+00:00', '2026-11-22 00:00:00+00:00', 1),
    ('01JQBF0000000000000000CNT1', 'contributor', 'Delivers work: creates and moves work items, talks to agents.', TRUE, '2026-11-22 00:00:00+00:00', '2026-11-22 00:00:00+00:00', 1),
    ('01JQBF0000000000000000VWR1', 'viewer', 'Reads work items and jobs.', TRUE, '2026-11-22 00:00:00+00:00', '2026-11-22 00:00:00+00:00', 1),
    ('01JQBF0000000000000000AGT1', 'agent', 'An automated agent: executes work items and records their history.', TRUE, '2026-11-22 00:00:00+00:00', '2026-11-22 00:00:00+00:00', 1);

INSERT INTO role_permissions (role_id, permission, created_at) VALUES
    ('01JQBF0000000000000000ADM1', 'factory.user.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.user.manage', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.role.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.role.manage', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.audit.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.telemetry.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.telemetry.write', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.job.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.job.manage', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.work-item.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.work-item.create', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.work-item.update', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.work-item.execute', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.work-item.request-review', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.work-item.complete', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.work-item.prepare-release', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.work-item.record-history', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.work-item.block', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.conversation.create', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.conversation.read-any', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.conversation.reveal', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.retention.manage', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.user.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.role.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.audit.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.telemetry.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.telemetry.write', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.job.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.job.manage', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.work-item.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.work-item.create', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.work-item.update', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.work-item.execute', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.work-item.request-review', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.work-item.complete', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.work-item.prepare-release', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.work-item.record-history', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.work-item.block', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.conversation.create', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.retention.manage', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.work-item.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.work-item.create', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.work-item.update', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.work-item.execute', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.work-item.request-review', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.work-item.record-history', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.conversation.create', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.telemetry.write', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.job.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000VWR1', 'factory.work-item.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000VWR1', 'factory.job.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.work-item.read', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.work-item.update', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.work-item.execute', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.work-item.request-review', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.work-item.record-history', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.conversation.create', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.telemetry.write', '2026-11-22 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.job.read', '2026-11-22 00:00:00+00:00');
