-- ML2 segments, segment allocation, agents and DHCP scheduling.

-- The segments of each network (one for plain provider/tenant networks, several for
-- multi-provider networks).
CREATE TABLE networksegments (
    id VARCHAR(36) PRIMARY KEY,
    network_id VARCHAR(36) NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    network_type VARCHAR(32) NOT NULL,
    physical_network VARCHAR(64),
    segmentation_id INTEGER,
    segment_index INTEGER NOT NULL
);
CREATE INDEX networksegments_network ON networksegments (network_id);

-- Which segmentation ids are taken, per type and physical network ('' when none; 0 for
-- flat): the primary key makes a double allocation impossible.
CREATE TABLE segment_allocations (
    network_type VARCHAR(32) NOT NULL,
    physical_network VARCHAR(64) NOT NULL,
    segmentation_id INTEGER NOT NULL,
    network_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (network_type, physical_network, segmentation_id)
);
CREATE INDEX segment_allocations_network ON segment_allocations (network_id);

-- Free ids of the configured tenant ranges, per pool ('vxlan', 'vlan:physnet1'): tenant
-- allocation locks and shrinks the lowest range, whatever the number of networks.
CREATE TABLE segment_free_ranges (
    pool VARCHAR(100) NOT NULL,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    PRIMARY KEY (pool, first_id)
);

-- The configured ranges the free ranges were built from, to rebuild them when the
-- configuration changes.
CREATE TABLE segment_pools (
    pool VARCHAR(100) PRIMARY KEY,
    ranges VARCHAR(4000) NOT NULL
);

CREATE TABLE agents (
    id VARCHAR(36) PRIMARY KEY,
    agent_type VARCHAR(255) NOT NULL,
    binary_name VARCHAR(255) NOT NULL,
    topic VARCHAR(255) NOT NULL,
    host VARCHAR(255) NOT NULL,
    admin_state_up BOOLEAN NOT NULL,
    description VARCHAR(255) NOT NULL,
    configurations VARCHAR(8000) NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    started_at VARCHAR(20) NOT NULL,
    heartbeat_timestamp VARCHAR(20) NOT NULL,
    availability_zone VARCHAR(255),
    CONSTRAINT agents_type_host UNIQUE (agent_type, host)
);

CREATE TABLE network_dhcp_agents (
    network_id VARCHAR(36) NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    agent_id VARCHAR(36) NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    PRIMARY KEY (network_id, agent_id)
);
CREATE INDEX network_dhcp_agents_agent ON network_dhcp_agents (agent_id);
