-- Projects become rows of their own, and every table that names a project key now references one.
-- Every key already in use (work items, their numbering, policies, conversations) gets a project named after it,
-- so an existing database upgrades with nothing lost. Adding a foreign key to an existing SQLite table means
-- rebuilding it; that needs foreign keys off (V9__projects.sql.conf runs this script outside Flyway's
-- transaction) and runs in one savepoint, so it applies whole or not at all (a failure leaves the savepoint open;
-- Migrations then closes the pool's connections, which rolls it back). Before the savepoint is released, a CHECK
-- over pragma_foreign_key_check refuses to finish if any reference is broken.
PRAGMA foreign_keys = OFF;
-- Renaming a table aside must not rewrite the references to it in other tables: they are to the rebuilt one.
PRAGMA legacy_alter_table = ON;
SAVEPOINT v9_projects;

CREATE TABLE projects (
    id              TEXT   NOT NULL PRIMARY KEY
                    CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    project_key     TEXT   NOT NULL
                    CHECK (length(project_key) BETWEEN 2 AND 10 AND project_key GLOB '[A-Z]*' AND project_key NOT GLOB '*[^A-Z0-9]*'),
    name            TEXT   NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description     TEXT   NOT NULL CHECK (length(description) <= 4000),
    repo_url        TEXT   CHECK (repo_url IS NULL OR length(repo_url) BETWEEN 1 AND 2000),
    default_branch  TEXT   NOT NULL CHECK (length(default_branch) BETWEEN 1 AND 250),
    action_sequence BIGINT NOT NULL CHECK (action_sequence >= 0),
    created_at      TEXT   NOT NULL,
    updated_at      TEXT   NOT NULL,
    version         BIGINT NOT NULL CHECK (version >= 1)
);

CREATE UNIQUE INDEX projects_project_key_key ON projects (project_key);
CREATE UNIQUE INDEX projects_name_key ON projects (name);

-- A ULID stamped with this migration's date (2026-12-01) and sixteen random characters, per key already in use.
INSERT INTO projects (id, project_key, name, description, repo_url, default_branch, action_sequence, created_at,
                      updated_at, version)
SELECT '01M8QEDC00' || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1),
       k.project_key, k.project_key, '', NULL, 'main', 0,
       '2026-12-01 00:00:00+00:00', '2026-12-01 00:00:00+00:00', 1
FROM (SELECT project_key FROM work_items
      UNION SELECT project_key FROM work_item_counters
      UNION SELECT project_key FROM project_policies
      UNION SELECT project_key FROM conversations WHERE project_key IS NOT NULL) AS k;

-- A role held in one project: the user's permissions on that project's objects are their global ones and these.
CREATE TABLE project_members (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id    TEXT NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (project_id, user_id, role_id)
);
CREATE INDEX project_members_user_idx ON project_members (user_id, project_id);

ALTER TABLE work_items RENAME TO work_items_v8;
CREATE TABLE work_items (
    id                 TEXT  NOT NULL PRIMARY KEY
                       CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    project_key        TEXT  NOT NULL REFERENCES projects (project_key) ON DELETE RESTRICT
                       CHECK (length(project_key) BETWEEN 2 AND 10 AND project_key GLOB '[A-Z]*' AND project_key NOT GLOB '*[^A-Z0-9]*'),
    number             BIGINT   NOT NULL CHECK (number >= 1),
    title              TEXT     NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description        TEXT     NOT NULL,
    work_type          TEXT     NOT NULL CHECK (work_type IN ('feature', 'implementation', 'bug', 'chore', 'research')),
    lane               TEXT     NOT NULL CHECK (lane IN ('backlog', 'ready', 'in-progress', 'review', 'done')),
    source             TEXT     NOT NULL,
    branch             TEXT,
    validation_command TEXT,
    pr_url             TEXT,
    pr_state           TEXT     CHECK (pr_state IN ('open', 'merged', 'closed')),
    done_criteria      TEXT     NOT NULL CHECK (json_valid(done_criteria) AND json_type(done_criteria) = 'array'),
    prompt_path        TEXT,
    prompt_text        TEXT,
    blocked_reason     TEXT,
    last_validation    TEXT,
    created_at         TEXT     NOT NULL,
    updated_at         TEXT     NOT NULL,
    version            BIGINT   NOT NULL CHECK (version >= 1),
    CHECK ((pr_url IS NULL) = (pr_state IS NULL))
);
INSERT INTO work_items (id, project_key, number, title, description, work_type, lane, source, branch,
                           validation_command, pr_url, pr_state, done_criteria, prompt_path, prompt_text,
                           blocked_reason, last_validation, created_at, updated_at, version)
SELECT id, project_key, number, title, description, work_type, lane, source, branch, validation_command, pr_url,
       pr_state, done_criteria, prompt_path, prompt_text, blocked_reason, last_validation, created_at, updated_at,
       version
FROM work_items_v8;
DROP TABLE work_items_v8;
CREATE UNIQUE INDEX work_items_project_number_key ON work_items (project_key, number);
CREATE INDEX work_items_project_idx ON work_items (project_key, id);
CREATE INDEX work_items_lane_idx ON work_items (lane, id);

ALTER TABLE work_item_counters RENAME TO work_item_counters_v8;
CREATE TABLE work_item_counters (
    project_key TEXT NOT NULL PRIMARY KEY REFERENCES projects (project_key) ON DELETE CASCADE,
    last_number BIGINT  NOT NULL CHECK (last_number >= 1),
    updated_at  TEXT    NOT NULL
);
INSERT INTO work_item_counters (project_key, last_number, updated_at)
SELECT project_key, last_number, updated_at FROM work_item_counters_v8;
DROP TABLE work_item_counters_v8;

ALTER TABLE project_policies RENAME TO project_policies_v8;
CREATE TABLE project_policies (
    project_key TEXT NOT NULL PRIMARY KEY REFERENCES projects (project_key) ON DELETE CASCADE,
    profile     TEXT    NOT NULL CHECK (json_valid(profile) AND json_type(profile) = 'object'),
    version     BIGINT  NOT NULL CHECK (version >= 1),
    updated_at  TEXT    NOT NULL
);
INSERT INTO project_policies (project_key, profile, version, updated_at)
SELECT project_key, profile, version, updated_at FROM project_policies_v8;
DROP TABLE project_policies_v8;

ALTER TABLE conversations RENAME TO conversations_v8;
CREATE TABLE conversations (
    id             TEXT   NOT NULL PRIMARY KEY
                   CHECK (length(id) = 26 AND id GLOB '[0-7]*' AND id NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
    owner_id       TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title          TEXT   NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    created_at     TEXT   NOT NULL,
    updated_at     TEXT   NOT NULL,
    deleted_at     TEXT,
    version        BIGINT NOT NULL CHECK (version >= 1),
    project_key    TEXT   REFERENCES projects (project_key) ON DELETE RESTRICT
                   CHECK (project_key IS NULL OR (length(project_key) BETWEEN 2 AND 10 AND project_key GLOB '[A-Z]*' AND project_key NOT GLOB '*[^A-Z0-9]*')),
    work_item_id   TEXT   REFERENCES work_items (id) ON DELETE SET NULL,
    legal_hold     BOOLEAN NOT NULL DEFAULT FALSE,
    purge_at       TEXT,
    exchange_count BIGINT NOT NULL DEFAULT 0 CHECK (exchange_count >= 0)
);
INSERT INTO conversations (id, owner_id, title, created_at, updated_at, deleted_at, version, project_key,
                              work_item_id, legal_hold, purge_at, exchange_count)
SELECT id, owner_id, title, created_at, updated_at, deleted_at, version, project_key, work_item_id, legal_hold,
       purge_at, exchange_count
FROM conversations_v8;
DROP TABLE conversations_v8;
CREATE INDEX conversations_owner_id_idx ON conversations (owner_id, id);
CREATE INDEX conversations_project_key_idx ON conversations (project_key);
CREATE INDEX conversations_purge_at_idx ON conversations (purge_at);

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
SELECT DISTINCT rp.role_id, 'factory.project.read', '2026-12-01 00:00:00+00:00'
FROM role_permissions rp
WHERE (rp.permission LIKE 'factory.work-item.%' OR rp.permission LIKE 'factory.conversation.%'
       OR rp.permission = 'factory.policy.manage')
  AND NOT EXISTS (SELECT 1 FROM role_permissions x
                  WHERE x.role_id = rp.role_id AND x.permission = 'factory.project.read');

CREATE TEMP TABLE v9_foreign_key_check (violations INTEGER NOT NULL CHECK (violations = 0));
INSERT INTO v9_foreign_key_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE v9_foreign_key_check;

RELEASE v9_projects;
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_keys = ON;
