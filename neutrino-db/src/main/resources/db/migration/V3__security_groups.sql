-- Security groups and their rules, the per-project default group, and the port attributes of
-- the security-group family (groups of a port, port security, allowed address pairs, extra
-- DHCP options). Portable SQL (H2, PostgreSQL, MariaDB).

CREATE TABLE securitygroups (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    stateful BOOLEAN NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL
);
CREATE INDEX securitygroups_project ON securitygroups (project_id);

-- One default group per project: the primary key makes a second one impossible, so two
-- concurrent first uses cannot both create it (the loser's transaction is retried and finds
-- the winner's group).
CREATE TABLE default_security_group (
    project_id VARCHAR(255) PRIMARY KEY,
    security_group_id VARCHAR(36) NOT NULL REFERENCES securitygroups (id) ON DELETE CASCADE
);

CREATE TABLE securitygrouprules (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    security_group_id VARCHAR(36) NOT NULL REFERENCES securitygroups (id) ON DELETE CASCADE,
    remote_group_id VARCHAR(36) REFERENCES securitygroups (id) ON DELETE CASCADE,
    direction VARCHAR(16) NOT NULL,
    ethertype VARCHAR(40) NOT NULL,
    protocol VARCHAR(40),
    port_range_min INTEGER,
    port_range_max INTEGER,
    remote_ip_prefix VARCHAR(64),
    description VARCHAR(255) NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL
);
CREATE INDEX securitygrouprules_group ON securitygrouprules (security_group_id);
CREATE INDEX securitygrouprules_remote ON securitygrouprules (remote_group_id);
CREATE INDEX securitygrouprules_project ON securitygrouprules (project_id);

CREATE TABLE securitygroupportbindings (
    port_id VARCHAR(36) NOT NULL REFERENCES ports (id) ON DELETE CASCADE,
    security_group_id VARCHAR(36) NOT NULL REFERENCES securitygroups (id),
    PRIMARY KEY (port_id, security_group_id)
);
CREATE INDEX securitygroupportbindings_group ON securitygroupportbindings (security_group_id);

CREATE TABLE networksecuritybindings (
    network_id VARCHAR(36) PRIMARY KEY REFERENCES networks (id) ON DELETE CASCADE,
    port_security_enabled BOOLEAN NOT NULL
);

CREATE TABLE portsecuritybindings (
    port_id VARCHAR(36) PRIMARY KEY REFERENCES ports (id) ON DELETE CASCADE,
    port_security_enabled BOOLEAN NOT NULL
);

CREATE TABLE allowedaddresspairs (
    port_id VARCHAR(36) NOT NULL REFERENCES ports (id) ON DELETE CASCADE,
    mac_address VARCHAR(17) NOT NULL,
    ip_address VARCHAR(64) NOT NULL,
    PRIMARY KEY (port_id, mac_address, ip_address)
);

CREATE TABLE extradhcpopts (
    port_id VARCHAR(36) NOT NULL REFERENCES ports (id) ON DELETE CASCADE,
    opt_name VARCHAR(64) NOT NULL,
    opt_value VARCHAR(255) NOT NULL,
    ip_version INTEGER NOT NULL,
    PRIMARY KEY (port_id, opt_name, ip_version)
);
