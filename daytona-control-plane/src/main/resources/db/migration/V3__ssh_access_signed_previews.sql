-- Edge: SSH access tokens and signed preview URLs. Only SHA-256 hashes of the tokens are stored;
-- the value is shown once, when created. Valid on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE ssh_access (
    id          VARCHAR(36) PRIMARY KEY,
    sandbox_id  VARCHAR(36) NOT NULL REFERENCES sandbox (id) ON DELETE CASCADE,
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ssh_access_sandbox ON ssh_access (sandbox_id);

CREATE TABLE signed_preview_url (
    token_hash  VARCHAR(64) PRIMARY KEY,
    sandbox_id  VARCHAR(36) NOT NULL REFERENCES sandbox (id) ON DELETE CASCADE,
    port        INTEGER     NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX signed_preview_url_sandbox ON signed_preview_url (sandbox_id);
