-- Warm pool: started sandboxes of the default snapshot that belong to no organization until a
-- create claims one. No organization's query can match a NULL organization, so they stay
-- invisible to every caller. Valid on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE sandbox ALTER COLUMN organization_id DROP NOT NULL;
CREATE INDEX sandbox_warm_pool ON sandbox (organization_id, state, created_at);
