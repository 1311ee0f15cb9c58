package org.neutrino.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads the JSON that {@code ip -j} and {@code bridge -j} print. */
final class IpJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IpJson() {
    }

    static List<Link> links(String json) {
        List<Link> links = new ArrayList<>();
        for (JsonNode n : array(json)) {
            JsonNode info = n.path("linkinfo");
            Optional<String> kind = text(info, "info_kind");
            Optional<VxlanInfo> vxlan = Optional.empty();
            if (kind.filter("vxlan"::equals).isPresent()) {
                JsonNode data = info.path("info_data");
                vxlan = Optional.of(new VxlanInfo(data.path("id").asInt(), text(data, "local"), text(data, "link"),
                        data.path("port").asInt(), data.path("learning").asBoolean(true)));
            }
            boolean up = false;
            for (JsonNode flag : n.path("flags")) {
                up |= "UP".equals(flag.asText());
            }
            links.add(new Link(n.path("ifname").asText(), n.path("ifindex").asInt(),
                    text(n, "address").filter(a -> !n.path("link_type").asText().equals("loopback")),
                    n.path("mtu").asInt(), up, n.path("operstate").asText(""), text(n, "master"), kind, vxlan,
                    text(n, "link"), integer(n, "link_index"), integer(n, "link_netnsid")));
        }
        return links;
    }

    static List<PacketCounters> counters(String json) {
        List<PacketCounters> counters = new ArrayList<>();
        for (JsonNode n : array(json)) {
            JsonNode stats = n.path("stats64");
            counters.add(new PacketCounters(n.path("ifname").asText(), stats.path("rx").path("packets").asLong(),
                    stats.path("tx").path("packets").asLong()));
        }
        return counters;
    }

    static List<LinkAddress> addresses(String json) {
        List<LinkAddress> addresses = new ArrayList<>();
        for (JsonNode n : array(json)) {
            for (JsonNode a : n.path("addr_info")) {
                IpVersion version = "inet6".equals(a.path("family").asText()) ? IpVersion.V6 : IpVersion.V4;
                addresses.add(new LinkAddress(n.path("ifname").asText(), version,
                        a.path("local").asText() + "/" + a.path("prefixlen").asInt(), a.path("scope").asText("")));
            }
        }
        return addresses;
    }

    static List<Route> routes(String json, IpVersion version) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode n : array(json)) {
            String dst = n.path("dst").asText();
            routes.add(new Route("default".equals(dst) ? version.defaultDestination() : dst, text(n, "gateway"),
                    text(n, "dev"), integer(n, "metric"), text(n, "scope")));
        }
        return routes;
    }

    static List<Neighbour> neighbours(String json, String device) {
        List<Neighbour> neighbours = new ArrayList<>();
        for (JsonNode n : array(json)) {
            List<String> states = new ArrayList<>();
            for (JsonNode s : n.path("state")) {
                states.add(s.asText());
            }
            neighbours.add(new Neighbour(n.path("dst").asText(), text(n, "lladdr"),
                    text(n, "dev").orElse(device), states));
        }
        return neighbours;
    }

    static List<FdbEntry> fdb(String json, String device) {
        List<FdbEntry> entries = new ArrayList<>();
        for (JsonNode n : array(json)) {
            entries.add(new FdbEntry(n.path("mac").asText(), text(n, "ifname").orElse(device), text(n, "dst")));
        }
        return entries;
    }

    private static JsonNode array(String json) {
        if (json == null || json.isBlank()) {
            return MAPPER.createArrayNode();
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!node.isArray()) {
                throw new IllegalArgumentException("expected a JSON array from the tool, got: " + abbreviate(json));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read the tool's JSON: " + abbreviate(json), e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static OptionalInt integer(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? OptionalInt.of(value.asInt()) : OptionalInt.empty();
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
