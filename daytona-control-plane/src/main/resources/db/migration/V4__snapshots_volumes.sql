-- Volumes: shared storage that outlives sandboxes. Rows stay after deletion (state 'deleted');
-- live_name is NULL then, so the name can be taken again.
CREATE TABLE volume (
    id              VARCHAR(36)  PRIMARY KEY,
    organization_id VARCHAR(36)  NOT NULL REFERENCES organization (id),
    name            VARCHAR(255) NOT NULL,
    live_name       VARCHAR(255),
    state           VARCHAR(32)  NOT NULL,
    error_reason    VARCHAR,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT volume_live_name_unique UNIQUE (organization_id, live_name)
);

-- The volumes a sandbox mounts, fixed at create, in the order asked.
CREATE TABLE sandbox_volume (
    sandbox_id  VARCHAR(36)   NOT NULL REFERENCES sandbox (id),
    position    INTEGER       NOT NULL,
    volume_id   VARCHAR(36)   NOT NULL REFERENCES volume (id),
    mount_path  VARCHAR(1024) NOT NULL,
    subpath     VARCHAR(1024) NOT NULL,
    PRIMARY KEY (sandbox_id, position)
);
CREATE INDEX sandbox_volume_volume ON sandbox_volume (volume_id);

-- Snapshots: sandbox templates. organization_id is NULL for general (system-wide) snapshots.
-- image_ref is what runners run: the image as named, or the tag a build produced.
CREATE TABLE snapshot (
    id              VARCHAR(36)   PRIMARY KEY,
    organization_id VARCHAR(36)   REFERENCES organization (id),
    general         BOOLEAN       NOT NULL,
    name            VARCHAR(255)  NOT NULL,
    image_name      VARCHAR(512),
    image_ref       VARCHAR(512),
    state           VARCHAR(32)   NOT NULL,
    error_reason    VARCHAR,
    entrypoint      VARCHAR,
    cpu             INTEGER       NOT NULL,
    gpu             INTEGER       NOT NULL,
    mem             INTEGER       NOT NULL,
    disk            INTEGER       NOT NULL,
    size_gb         DOUBLE PRECISION,
    dockerfile      VARCHAR,
    context_hashes  VARCHAR,
    -- a build made for one sandbox (CreateSandbox.buildInfo): not listed among the organization's snapshots
    sandbox_build   BOOLEAN       DEFAULT FALSE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT snapshot_name_unique UNIQUE (organization_id, name)
);
CREATE INDEX snapshot_state ON snapshot (state);
