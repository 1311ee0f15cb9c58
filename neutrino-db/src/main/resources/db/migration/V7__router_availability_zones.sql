-- Availability zone hints of routers (router_availability_zone), comma-separated as in Neutron;
-- a router without hints has no row.
CREATE TABLE router_availability_zone_hints (
    router_id VARCHAR(36) PRIMARY KEY REFERENCES routers (id) ON DELETE CASCADE,
    hints VARCHAR(255) NOT NULL
);
