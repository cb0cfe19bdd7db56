-- Regions and the runners registered in them. Valid on H2 (PostgreSQL mode) and PostgreSQL.

-- A region sandboxes run in. organization_id is NULL for shared regions (the server's default
-- region, made at start from the server's settings); a custom region belongs to one organization.
-- The proxy and SSH gateway keys of a region are stored as their SHA-256 only.
CREATE TABLE region (
    id                       VARCHAR(64)   PRIMARY KEY,
    name                     VARCHAR(255)  NOT NULL,
    organization_id          VARCHAR(36)   REFERENCES organization (id),
    region_type              VARCHAR(16)   NOT NULL,
    proxy_url                VARCHAR(1024),
    ssh_gateway_url          VARCHAR(1024),
    snapshot_manager_url     VARCHAR(1024),
    proxy_api_key_hash       VARCHAR(64),
    ssh_gateway_api_key_hash VARCHAR(64),
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX region_organization ON region (organization_id);

-- A runner: the embedded one of `daytona server` (embedded = TRUE, called in-process) or a
-- `daytona runner` process. api_key_hash recognises the runner's own calls (healthchecks);
-- call_token is the credential derived from the runner's key that the platform calls the
-- runner's API with (io.daytona.model.runner.RunnerTokens). The key itself is never stored.
-- cpu, memory_gib and disk_gib are the host's resources as last reported; capacity_* is the
-- capacity the runner's operator declared (NULL: not limited).
CREATE TABLE runner (
    id                  VARCHAR(64)    PRIMARY KEY,
    name                VARCHAR(255)   NOT NULL,
    region_id           VARCHAR(64)    NOT NULL REFERENCES region (id),
    api_key_hash        VARCHAR(64)    NOT NULL,
    call_token          VARCHAR(128)   NOT NULL,
    embedded            BOOLEAN        DEFAULT FALSE NOT NULL,
    api_url             VARCHAR(1024),
    proxy_url           VARCHAR(1024),
    domain              VARCHAR(1024),
    api_version         VARCHAR(16)    NOT NULL,
    app_version         VARCHAR(64),
    state               VARCHAR(16)    NOT NULL,
    unschedulable       BOOLEAN        DEFAULT FALSE NOT NULL,
    draining            BOOLEAN        DEFAULT FALSE NOT NULL,
    tags                VARCHAR(2048)  NOT NULL,
    cpu                 DOUBLE PRECISION DEFAULT 0 NOT NULL,
    memory_gib          DOUBLE PRECISION DEFAULT 0 NOT NULL,
    disk_gib            DOUBLE PRECISION DEFAULT 0 NOT NULL,
    capacity_cpu        DOUBLE PRECISION,
    capacity_memory_gib DOUBLE PRECISION,
    capacity_disk_gib   DOUBLE PRECISION,
    cpu_load_average    DOUBLE PRECISION DEFAULT 0 NOT NULL,
    cpu_usage           DOUBLE PRECISION DEFAULT 0 NOT NULL,
    memory_usage        DOUBLE PRECISION DEFAULT 0 NOT NULL,
    disk_usage          DOUBLE PRECISION DEFAULT 0 NOT NULL,
    snapshot_count      INTEGER        DEFAULT 0 NOT NULL,
    availability_score  DOUBLE PRECISION DEFAULT 0 NOT NULL,
    service_health      VARCHAR(4096),
    last_checked        TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT runner_name_unique UNIQUE (name),
    CONSTRAINT runner_key_unique UNIQUE (api_key_hash)
);
CREATE INDEX runner_region ON runner (region_id, state);

CREATE INDEX sandbox_runner ON sandbox (runner_id, state);
