-- A stop asked with ?force=true: the reconciler kills the sandbox instead of waiting for the grace period.
-- Cleared when the sandbox is recorded as stopped. Valid on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE sandbox ADD COLUMN force_stop BOOLEAN DEFAULT FALSE NOT NULL;

-- The lifecycle timers scan started and stopped sandboxes by state; sandbox_state (state, desired_state) serves them.
