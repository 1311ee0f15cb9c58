-- Port forwardings of floating IPs (floating-ip-port-forwarding): floating address:external_port/protocol →
-- internal_ip_address:internal_port of a port behind the floating IP's router. A floating IP with forwardings has
-- its router_id set and no fixed port. The unique keys are Neutron's: one forwarding per external port and protocol
-- of a floating IP, one per internal socket and protocol of a port. Deleting the floating IP deletes its forwardings;
-- a deleted port's forwardings are deleted by the L3 plugin's callback (which tells the router's agent), the cascade
-- is the backstop.
CREATE TABLE portforwardings (
    id VARCHAR(36) PRIMARY KEY,
    project_id VARCHAR(255),
    floatingip_id VARCHAR(36) NOT NULL REFERENCES floatingips (id) ON DELETE CASCADE,
    external_port INTEGER NOT NULL,
    internal_neutron_port_id VARCHAR(36) NOT NULL REFERENCES ports (id) ON DELETE CASCADE,
    internal_ip_address VARCHAR(64) NOT NULL,
    internal_port INTEGER NOT NULL,
    protocol VARCHAR(40) NOT NULL,
    description VARCHAR(1024) NOT NULL,
    created_at VARCHAR(20) NOT NULL,
    updated_at VARCHAR(20) NOT NULL,
    revision_number BIGINT NOT NULL,
    CONSTRAINT portforwardings_external UNIQUE (floatingip_id, external_port, protocol),
    CONSTRAINT portforwardings_internal UNIQUE (internal_neutron_port_id, internal_ip_address, internal_port, protocol)
);
CREATE INDEX portforwardings_port ON portforwardings (internal_neutron_port_id);
