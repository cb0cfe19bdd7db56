-- Tenancy: system roles, organization quotas and limits, member assignments, invitations and the audit log.
-- Valid on H2 (PostgreSQL mode) and PostgreSQL.

-- 'admin' may use /api/admin and change quotas; every user created before this migration is the first start's admin.
ALTER TABLE app_user ADD COLUMN system_role VARCHAR(16) DEFAULT 'user' NOT NULL;
UPDATE app_user SET system_role = 'admin';

-- Quotas: totals count started sandboxes (cpu, memory, disk) and stopped ones (disk only); archived ones count for nothing.
ALTER TABLE organization ADD COLUMN total_cpu_quota INTEGER DEFAULT 10000 NOT NULL;
ALTER TABLE organization ADD COLUMN total_memory_quota INTEGER DEFAULT 10000 NOT NULL;
ALTER TABLE organization ADD COLUMN total_disk_quota INTEGER DEFAULT 100000 NOT NULL;
ALTER TABLE organization ADD COLUMN max_cpu_per_sandbox INTEGER DEFAULT 100 NOT NULL;
ALTER TABLE organization ADD COLUMN max_memory_per_sandbox INTEGER DEFAULT 100 NOT NULL;
ALTER TABLE organization ADD COLUMN max_disk_per_sandbox INTEGER DEFAULT 1000 NOT NULL;
ALTER TABLE organization ADD COLUMN snapshot_quota INTEGER DEFAULT 1000 NOT NULL;
ALTER TABLE organization ADD COLUMN max_snapshot_size INTEGER DEFAULT 1000 NOT NULL;
ALTER TABLE organization ADD COLUMN volume_quota INTEGER DEFAULT 10000 NOT NULL;
ALTER TABLE organization ADD COLUMN default_region_id VARCHAR(64);
-- Suspension by a system administrator: every key of the organization is refused until it is lifted or runs out.
ALTER TABLE organization ADD COLUMN suspended_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE organization ADD COLUMN suspended_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE organization ADD COLUMN suspension_reason VARCHAR(1024);
ALTER TABLE organization ADD COLUMN suspension_cleanup_grace_period_hours INTEGER;
-- Per-organization rate limits (requests per TTL); NULL = the server's setting.
ALTER TABLE organization ADD COLUMN authenticated_rate_limit INTEGER;
ALTER TABLE organization ADD COLUMN sandbox_create_rate_limit INTEGER;
ALTER TABLE organization ADD COLUMN sandbox_lifecycle_rate_limit INTEGER;
ALTER TABLE organization ADD COLUMN authenticated_rate_limit_ttl INTEGER;
ALTER TABLE organization ADD COLUMN sandbox_create_rate_limit_ttl INTEGER;
ALTER TABLE organization ADD COLUMN sandbox_lifecycle_rate_limit_ttl INTEGER;

-- A member's assignments (global role ids, comma-separated); owners have every permission regardless.
ALTER TABLE organization_member ADD COLUMN assigned_role_ids VARCHAR(1024) DEFAULT '' NOT NULL;
ALTER TABLE organization_member ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE organization_invitation (
    id                VARCHAR(36)  PRIMARY KEY,
    organization_id   VARCHAR(36)  NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    email             VARCHAR(255) NOT NULL,
    invited_by        VARCHAR(255) NOT NULL,
    role              VARCHAR(16)  NOT NULL,
    assigned_role_ids VARCHAR(1024) NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX organization_invitation_email ON organization_invitation (email, status);

CREATE TABLE audit_log (
    id                    VARCHAR(36)  PRIMARY KEY,
    organization_id       VARCHAR(36),
    actor_id              VARCHAR(36)  NOT NULL,
    actor_email           VARCHAR(255) NOT NULL,
    actor_api_key_prefix  VARCHAR(8),
    actor_api_key_suffix  VARCHAR(8),
    action                VARCHAR(64)  NOT NULL,
    target_type           VARCHAR(64),
    target_id             VARCHAR(255),
    status_code           INTEGER      NOT NULL,
    error_message         VARCHAR(2048),
    ip_address            VARCHAR(64),
    user_agent            VARCHAR(512),
    source                VARCHAR(64),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX audit_log_organization ON audit_log (organization_id, created_at);
CREATE INDEX audit_log_created ON audit_log (created_at);
