-- Docker registries whose credentials runners use to pull snapshot images. organization_id is
-- NULL for none today; is_default marks the one registry (set by an administrator) tried for
-- every organization when none of its own matches an image's host.
-- password_encrypted is AES-GCM (nonce || ciphertext, base64) under the key in the data directory.
CREATE TABLE docker_registry (
    id                 VARCHAR(36)   PRIMARY KEY,
    organization_id    VARCHAR(36)   REFERENCES organization (id),
    name               VARCHAR(255)  NOT NULL,
    url                VARCHAR(1024) NOT NULL,
    username           VARCHAR(255)  NOT NULL,
    password_encrypted VARCHAR(4096) NOT NULL,
    project            VARCHAR(255)  NOT NULL,
    registry_type      VARCHAR(32)   NOT NULL,
    is_default         BOOLEAN       DEFAULT FALSE NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX docker_registry_organization ON docker_registry (organization_id);
