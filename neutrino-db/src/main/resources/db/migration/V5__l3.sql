-- L3: external networks, routers with their ports and routes, floating IPs, L3 agent scheduling.

-- Networks with router:external = True.
CREATE TABLE externalnetworks (
    network_id VARCHAR(36) PRIMARY KEY REFERENCES networks (id) ON DELETE CASCADE
);

CREATE TABLE routers (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    admin_state_up BOOLEAN NOT NULL,
    status VARCHAR(16) NOT NULL,
    -- the gateway: its port and network (NULL without one), and whether it SNATs
    gw_port_id VARCHAR(36),
    gw_network_id VARCHAR(36),
    enable_snat BOOLEAN NOT NULL,
    -- the extra routes, a JSON list of {destination, nexthop}
    routes VARCHAR(8000) NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL
);
CREATE INDEX routers_project ON routers (project_id);
CREATE INDEX routers_gw_network ON routers (gw_network_id);

-- Every port a router owns (interfaces and its gateway): a port belongs to one router.
CREATE TABLE routerports (
    port_id VARCHAR(36) PRIMARY KEY REFERENCES ports (id) ON DELETE CASCADE,
    router_id VARCHAR(36) NOT NULL REFERENCES routers (id),
    port_type VARCHAR(255) NOT NULL
);
CREATE INDEX routerports_router ON routerports (router_id);

-- One floating IP per fixed address and external network: the unique key makes a second association impossible
-- (rows without association hold NULLs, which never collide).
CREATE TABLE floatingips (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    description VARCHAR(255) NOT NULL,
    floating_ip_address VARCHAR(64) NOT NULL,
    floating_network_id VARCHAR(36) NOT NULL REFERENCES networks (id),
    floating_port_id VARCHAR(36) NOT NULL REFERENCES ports (id),
    fixed_port_id VARCHAR(36),
    fixed_ip_address VARCHAR(64),
    router_id VARCHAR(36),
    status VARCHAR(16) NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL,
    CONSTRAINT floatingips_fixed UNIQUE (floating_network_id, fixed_port_id, fixed_ip_address)
);
CREATE INDEX floatingips_project ON floatingips (project_id);
CREATE INDEX floatingips_router ON floatingips (router_id);
CREATE INDEX floatingips_fixed_port ON floatingips (fixed_port_id);

-- Which L3 agent hosts each router (one per router).
CREATE TABLE routerl3agentbindings (
    router_id VARCHAR(36) PRIMARY KEY REFERENCES routers (id) ON DELETE CASCADE,
    l3_agent_id VARCHAR(36) NOT NULL REFERENCES agents (id) ON DELETE CASCADE
);
CREATE INDEX routerl3agentbindings_agent ON routerl3agentbindings (l3_agent_id);
