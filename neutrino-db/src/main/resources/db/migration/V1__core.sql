-- Core L2 model: networks, subnets, ports, IPAM, tags, quotas.
-- Portable SQL (H2, PostgreSQL, MariaDB). Timestamps are ISO-8601 UTC strings
-- (YYYY-MM-DDTHH:MM:SSZ), which sort as text. Lists and dicts are JSON text.

CREATE TABLE networks (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    admin_state_up BOOLEAN NOT NULL,
    status VARCHAR(16) NOT NULL,
    shared BOOLEAN NOT NULL,
    mtu INTEGER NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL
);
CREATE INDEX networks_project ON networks (project_id);

CREATE TABLE subnets (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    network_id VARCHAR(36) NOT NULL REFERENCES networks (id),
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    ip_version INTEGER NOT NULL,
    cidr VARCHAR(64) NOT NULL,
    gateway_ip VARCHAR(64),
    enable_dhcp BOOLEAN NOT NULL,
    ipv6_ra_mode VARCHAR(32),
    ipv6_address_mode VARCHAR(32),
    subnetpool_id VARCHAR(36),
    allocation_pools VARCHAR(8000) NOT NULL,
    dns_nameservers VARCHAR(4000) NOT NULL,
    host_routes VARCHAR(8000) NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL
);
CREATE INDEX subnets_network ON subnets (network_id);
CREATE INDEX subnets_project ON subnets (project_id);

CREATE TABLE ports (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    network_id VARCHAR(36) NOT NULL REFERENCES networks (id),
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    mac_address VARCHAR(17) NOT NULL,
    admin_state_up BOOLEAN NOT NULL,
    status VARCHAR(16) NOT NULL,
    device_id VARCHAR(255) NOT NULL,
    device_owner VARCHAR(255) NOT NULL,
    binding_host_id VARCHAR(255) NOT NULL,
    binding_vif_type VARCHAR(64) NOT NULL,
    binding_vif_details VARCHAR(4000) NOT NULL,
    binding_vnic_type VARCHAR(64) NOT NULL,
    binding_profile VARCHAR(4000) NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL,
    CONSTRAINT ports_network_mac UNIQUE (network_id, mac_address)
);
CREATE INDEX ports_project ON ports (project_id);
CREATE INDEX ports_device ON ports (device_id);
CREATE INDEX ports_host ON ports (binding_host_id);

-- One row per address held by a port; the primary key makes a duplicate IP impossible.
CREATE TABLE ipallocations (
    subnet_id VARCHAR(36) NOT NULL REFERENCES subnets (id),
    ip_address VARCHAR(64) NOT NULL,
    port_id VARCHAR(36) NOT NULL REFERENCES ports (id) ON DELETE CASCADE,
    network_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (subnet_id, ip_address)
);
CREATE INDEX ipallocations_port ON ipallocations (port_id);
CREATE INDEX ipallocations_ip ON ipallocations (ip_address);

-- Free address ranges of each subnet's allocation pools: allocation takes the lowest free
-- address with one indexed, locked row read, whatever the number of allocations.
CREATE TABLE ipam_free_ranges (
    subnet_id VARCHAR(36) NOT NULL REFERENCES subnets (id) ON DELETE CASCADE,
    first_ip NUMERIC(40, 0) NOT NULL,
    last_ip NUMERIC(40, 0) NOT NULL,
    PRIMARY KEY (subnet_id, first_ip)
);

CREATE TABLE tags (
    resource_id VARCHAR(36) NOT NULL,
    tag VARCHAR(255) NOT NULL,
    PRIMARY KEY (resource_id, tag)
);
CREATE INDEX tags_tag ON tags (tag);

CREATE TABLE quotas (
    project_id VARCHAR(255) NOT NULL,
    resource VARCHAR(255) NOT NULL,
    hard_limit INTEGER NOT NULL,
    PRIMARY KEY (project_id, resource)
);

-- Resources in use per project, kept in the same transaction as the resource rows.
CREATE TABLE quota_usages (
    project_id VARCHAR(255) NOT NULL,
    resource VARCHAR(255) NOT NULL,
    in_use INTEGER NOT NULL,
    PRIMARY KEY (project_id, resource)
);
