-- PostgreSQL's V19 makes the database notify every server when a credential, user, role or grant changes. A
-- SQLite file is served by one process, which hears its own commits (ChangeFeed): there is nothing to add here,
-- and this version exists so that both databases count their schema the same way.
SELECT 1;
