-- Sandbox lifecycle: archive, resize and recover. Valid on H2 (PostgreSQL mode) and PostgreSQL.

-- The stable state a recoverable error goes back to on POST /recover (stopped, archived or unknown).
ALTER TABLE sandbox ADD COLUMN recovery_state VARCHAR(32);
-- The archive of the sandbox's files: None until archived, Completed once in the archive store.
ALTER TABLE sandbox ADD COLUMN backup_state VARCHAR(16) DEFAULT 'None' NOT NULL;
ALTER TABLE sandbox ADD COLUMN backup_created_at TIMESTAMP WITH TIME ZONE;
-- The resources a resize asked for, while the sandbox is in state resizing.
ALTER TABLE sandbox ADD COLUMN resize_cpu INTEGER;
ALTER TABLE sandbox ADD COLUMN resize_memory INTEGER;
ALTER TABLE sandbox ADD COLUMN resize_disk INTEGER;
