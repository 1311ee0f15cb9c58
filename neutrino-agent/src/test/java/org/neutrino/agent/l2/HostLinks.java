package org.neutrino.agent.l2;

import java.util.ArrayList;
import java.util.List;

/** Builds the JSON of {@code ip -d -j link show} for a scripted host. */
final class HostLinks {
    private final List<String> links = new ArrayList<>();
    private int nextIndex = 1;

    HostLinks() {
        links.add("{\"ifindex\":" + nextIndex++ + ",\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\"],\"mtu\":65536,"
                + "\"link_type\":\"loopback\",\"address\":\"00:00:00:00:00:00\"}");
    }

    /** A plain device (physical, veth end) with no master. */
    HostLinks device(String name, int mtu, boolean up) {
        return add(name, mtu, up, null, null, null);
    }

    /** A device enslaved to {@code master}. */
    HostLinks port(String name, int mtu, boolean up, String master) {
        return add(name, mtu, up, master, null, null);
    }

    HostLinks bridge(String name, int mtu, boolean up) {
        return add(name, mtu, up, null, "bridge", null);
    }

    /** A VXLAN device as the agent makes it (learning off, port 4789). */
    HostLinks vxlan(String name, int vni, String local, String dev, int mtu, boolean up, String master) {
        return add(name, mtu, up, master, "vxlan", "{\"id\":" + vni + ",\"local\":\"" + local + "\",\"link\":\"" + dev
                + "\",\"port\":4789,\"learning\":false}");
    }

    private HostLinks add(String name, int mtu, boolean up, String master, String kind, String infoData) {
        StringBuilder json = new StringBuilder("{\"ifindex\":").append(nextIndex++).append(",\"ifname\":\"")
                .append(name).append("\",\"flags\":[\"BROADCAST\",\"MULTICAST\"").append(up ? ",\"UP\"" : "")
                .append("],\"mtu\":").append(mtu).append(",\"operstate\":\"").append(up ? "UP" : "DOWN")
                .append("\",\"link_type\":\"ether\",\"address\":\"02:00:00:00:00:").append(String.format("%02x", nextIndex))
                .append('"');
        if (master != null) {
            json.append(",\"master\":\"").append(master).append('"');
        }
        if (kind != null) {
            json.append(",\"linkinfo\":{\"info_kind\":\"").append(kind).append('"');
            if (infoData != null) {
                json.append(",\"info_data\":").append(infoData);
            }
            json.append('}');
        }
        links.add(json.append('}').toString());
        return this;
    }

    String json() {
        return "[" + String.join(",", links) + "]";
    }
}
