-- PostgreSQL's V20 makes the database notify every server when what a work item's page reads changes. A SQLite
-- file is served by one process, which sees its own writes as they run (Database's write watcher): there is
-- nothing to add here, and this version exists so that both databases count their schema the same way.
SELECT 1;
