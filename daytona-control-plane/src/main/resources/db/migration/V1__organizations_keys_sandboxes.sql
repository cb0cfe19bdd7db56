-- One schema for the embedded database (H2 in PostgreSQL mode) and PostgreSQL.

CREATE TABLE app_user (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    email       VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE organization (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    personal    BOOLEAN      NOT NULL,
    created_by  VARCHAR(36)  NOT NULL REFERENCES app_user (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE organization_member (
    organization_id VARCHAR(36) NOT NULL REFERENCES organization (id),
    user_id         VARCHAR(36) NOT NULL REFERENCES app_user (id),
    role            VARCHAR(16) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

CREATE TABLE api_key (
    id              VARCHAR(36)   PRIMARY KEY,
    organization_id VARCHAR(36)   NOT NULL REFERENCES organization (id),
    user_id         VARCHAR(36)   NOT NULL REFERENCES app_user (id),
    name            VARCHAR(255)  NOT NULL,
    key_hash        VARCHAR(64)   NOT NULL UNIQUE,
    key_prefix      VARCHAR(8)    NOT NULL,
    key_suffix      VARCHAR(8)    NOT NULL,
    permissions     VARCHAR(1024) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    last_used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_key_name_unique UNIQUE (organization_id, user_id, name)
);

CREATE TABLE sandbox (
    id                    VARCHAR(36)   PRIMARY KEY,
    organization_id       VARCHAR(36)   NOT NULL REFERENCES organization (id),
    name                  VARCHAR(255)  NOT NULL,
    -- the name while the sandbox lives, NULL once destroyed, so the name can be taken again
    live_name             VARCHAR(255),
    snapshot              VARCHAR(512)  NOT NULL,
    os_user               VARCHAR(64)   NOT NULL,
    env                   VARCHAR       NOT NULL,
    labels                VARCHAR       NOT NULL,
    is_public             BOOLEAN       NOT NULL,
    network_block_all     BOOLEAN       NOT NULL,
    network_allow_list    VARCHAR(1024),
    region                VARCHAR(64)   NOT NULL,
    cpu                   INTEGER       NOT NULL,
    gpu                   INTEGER       NOT NULL,
    memory                INTEGER       NOT NULL,
    disk                  INTEGER       NOT NULL,
    state                 VARCHAR(32)   NOT NULL,
    desired_state         VARCHAR(32)   NOT NULL,
    error_reason          VARCHAR,
    recoverable           BOOLEAN       NOT NULL,
    auto_stop_interval    INTEGER       NOT NULL,
    auto_archive_interval INTEGER       NOT NULL,
    auto_delete_interval  INTEGER       NOT NULL,
    runner_id             VARCHAR(64),
    daemon_version        VARCHAR(64),
    auth_token            VARCHAR(64)   NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    last_activity_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sandbox_live_name_unique UNIQUE (organization_id, live_name)
);

CREATE INDEX sandbox_organization ON sandbox (organization_id, created_at);
CREATE INDEX sandbox_state ON sandbox (state, desired_state);
