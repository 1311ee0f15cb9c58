-- Subnet pools and address scopes (the subnet_allocation and address-scope extensions), and
-- availability zone hints of networks.

CREATE TABLE address_scopes (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    shared BOOLEAN NOT NULL,
    ip_version INTEGER NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL
);
CREATE INDEX address_scopes_project ON address_scopes (project_id);

-- A pool's prefixes are kept compacted (no two overlap or could merge) as JSON text. Every
-- allocation from a pool (a subnet whose subnetpool_id is the pool) locks the pool's row first.
-- default_ip_version is the pool's ip_version while it is the default pool, else NULL: the unique
-- key makes two defaults of one IP version impossible, even when set concurrently.
CREATE TABLE subnetpools (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    ip_version INTEGER NOT NULL,
    prefixes VARCHAR(8000) NOT NULL,
    default_prefixlen INTEGER NOT NULL,
    min_prefixlen INTEGER NOT NULL,
    max_prefixlen INTEGER NOT NULL,
    default_quota INTEGER,
    shared BOOLEAN NOT NULL,
    is_default BOOLEAN NOT NULL,
    default_ip_version INTEGER,
    address_scope_id VARCHAR(36) REFERENCES address_scopes (id),
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL,
    CONSTRAINT subnetpools_one_default UNIQUE (default_ip_version)
);
CREATE INDEX subnetpools_project ON subnetpools (project_id);
CREATE INDEX subnetpools_address_scope ON subnetpools (address_scope_id);
CREATE INDEX subnets_subnetpool ON subnets (subnetpool_id);

-- Availability zone hints of networks (network_availability_zone), comma-separated as in
-- Neutron; a network without hints has no row.
CREATE TABLE network_availability_zone_hints (
    network_id VARCHAR(36) PRIMARY KEY REFERENCES networks (id) ON DELETE CASCADE,
    hints VARCHAR(255) NOT NULL
);
