-- Address groups (the address-group extension) and the rules naming one as their remote
-- (security-groups-remote-address-group). Portable SQL (H2, PostgreSQL, MariaDB).

CREATE TABLE address_groups (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    name VARCHAR(255) NOT NULL,
    description VARCHAR(1024) NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL
);
CREATE INDEX address_groups_project ON address_groups (project_id);

-- The addresses of a group, each a CIDR with its host bits cleared (10.0.0.0/24, 10.0.0.5/32).
CREATE TABLE address_associations (
    address_group_id VARCHAR(36) NOT NULL REFERENCES address_groups (id) ON DELETE CASCADE,
    address VARCHAR(64) NOT NULL,
    PRIMARY KEY (address_group_id, address)
);

-- A group named by a rule cannot be deleted (AddressGroupInUse, decided with the group's row
-- locked, the lock a rule naming it takes too); the key is the last guard.
ALTER TABLE securitygrouprules ADD COLUMN remote_address_group_id VARCHAR(36) REFERENCES address_groups (id);
CREATE INDEX securitygrouprules_remote_address_group ON securitygrouprules (remote_address_group_id);
