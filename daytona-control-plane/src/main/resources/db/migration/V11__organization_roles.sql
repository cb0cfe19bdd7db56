-- Roles an organization's owners define, beside the global ones (fixed ids, in code). A member's
-- or invitation's assigned_role_ids may name both kinds.
CREATE TABLE organization_role (
    id              VARCHAR(36)   PRIMARY KEY,
    organization_id VARCHAR(36)   NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    name            VARCHAR(255)  NOT NULL,
    description     VARCHAR(1024) NOT NULL,
    permissions     VARCHAR(1024) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT organization_role_name UNIQUE (organization_id, name)
);
