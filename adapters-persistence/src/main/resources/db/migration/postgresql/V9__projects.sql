-- Projects become rows of their own, and every table that names a project key now references one.
-- Every key already in use (work items, their numbering, policies, conversations) gets a project named after it,
-- so an existing database upgrades with nothing lost.

CREATE TABLE projects (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY CHECK (id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    project_key     TEXT COLLATE "C" NOT NULL CHECK (project_key ~ '^[A-Z][A-Z0-9]{1,9}$'),
    name            TEXT   NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description     TEXT   NOT NULL CHECK (length(description) <= 4000),
    repo_url        TEXT   CHECK (repo_url IS NULL OR length(repo_url) BETWEEN 1 AND 2000),
    default_branch  TEXT   NOT NULL CHECK (length(default_branch) BETWEEN 1 AND 250),
    action_sequence BIGINT NOT NULL CHECK (action_sequence >= 0),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT NOT NULL CHECK (version >= 1)
);

CREATE UNIQUE INDEX projects_project_key_key ON projects (project_key);
CREATE UNIQUE INDEX projects_name_key ON projects (name);

-- A ULID stamped with this migration's date (2026-12-01) and sixteen random characters, per key already in use.
INSERT INTO projects (id, project_key, name, description, repo_url, default_branch, action_sequence, created_at,
                      updated_at, version)
SELECT '01M8QEDC00' || (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ',
                                                 floor(random() * 32)::int + 1, 1), '')
                        FROM generate_series(1, 16) WHERE k.project_key IS NOT NULL),
       k.project_key, k.project_key, '', NULL, 'main', 0,
       '2026-12-01 00:00:00+00:00', '2026-12-01 00:00:00+00:00', 1
FROM (SELECT project_key FROM work_items
      UNION SELECT project_key FROM work_item_counters
      UNION SELECT project_key FROM project_policies
      UNION SELECT project_key FROM conversations WHERE project_key IS NOT NULL) AS k;

-- A role held in one project: the user's permissions on that project's objects are their global ones and these.
CREATE TABLE project_members (
    project_id TEXT COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id    TEXT COLLATE "C" NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, user_id, role_id)
);
CREATE INDEX project_members_user_idx ON project_members (user_id, project_id);

ALTER TABLE work_items
    ADD FOREIGN KEY (project_key) REFERENCES projects (project_key) ON DELETE RESTRICT;
ALTER TABLE work_item_counters
    ADD FOREIGN KEY (project_key) REFERENCES projects (project_key) ON DELETE CASCADE;
ALTER TABLE project_policies
    ADD FOREIGN KEY (project_key) REFERENCES projects (project_key) ON DELETE CASCADE;
ALTER TABLE conversations
    ADD FOREIGN KEY (project_key) REFERENCES projects (project_key) ON DELETE RESTRICT;

INSERT INTO permissions (name, description, created_at) VALUES
    ('factory.project.read', 'See every project, its settings and members.', '2026-12-01 00:00:00+00:00'),
    ('factory.project.create', 'Create projects.', '2026-12-01 00:00:00+00:00'),
    ('factory.project.update', 'Change a project''s name, description, repository and default branch.', '2026-12-01 00:00:00+00:00'),
    ('factory.project.manage-members', 'Give and take roles in a project.', '2026-12-01 00:00:00+00:00');
INSERT INTO role_permissions (role_id, permission, created_at) VALUES
    ('01JQBF0000000000000000ADM1', 'factory.project.read', '2026-12-01 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.project.create', '2026-12-01 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.project.update', '2026-12-01 00:00:00+00:00'),
    ('01JQBF0000000000000000ADM1', 'factory.project.manage-members', '2026-12-01 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.project.read', '2026-12-01 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.project.create', '2026-12-01 00:00:00+00:00'),
    ('01JQBF0000000000000000MNT1', 'factory.project.update', '2026-12-01 00:00:00+00:00'),
    ('01JQBF0000000000000000CNT1', 'factory.project.read', '2026-12-01 00:00:00+00:00'),
    ('01JQBF0000000000000000VWR1', 'factory.project.read', '2026-12-01 00:00:00+00:00'),
    ('01JQBF0000000000000000AGT1', 'factory.project.read', '2026-12-01 00:00:00+00:00');

-- Custom roles made before projects existed read work items or conversations in every project: they keep doing so.
INSERT INTO role_permissions (role_id, permission, created_at)
SELECT DISTINCT rp.role_id, 'factory.project.read', TIMESTAMPTZ '2026-12-01 00:00:00+00:00'
FROM role_permissions rp
WHERE (rp.permission LIKE 'factory.work-item.%' OR rp.permission LIKE 'factory.conversation.%'
       OR rp.permission = 'factory.policy.manage')
  AND NOT EXISTS (SELECT 1 FROM role_permissions x
                  WHERE x.role_id = rp.role_id AND x.permission = 'factory.project.read');
