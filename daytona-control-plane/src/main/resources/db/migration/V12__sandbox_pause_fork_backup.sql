-- Pause, fork and backup of sandboxes. Valid on H2 (PostgreSQL mode) and PostgreSQL.

-- The sandbox this one was forked from (its parent), kept for GET /sandbox/{id}/forks, /parent and
-- /ancestors after the parent is deleted; null for a sandbox that was created.
ALTER TABLE sandbox ADD COLUMN parent_id VARCHAR(64);
-- True while a fork waits for its copy of the parent's files; the parent is in state forking meanwhile.
ALTER TABLE sandbox ADD COLUMN fork_pending BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX sandbox_parent_id ON sandbox (parent_id);
