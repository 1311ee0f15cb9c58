package org.neutrino.server.api.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates garbage requests from a seeded {@link Random}: every method on every endpoint, with
 * bodies that are random bytes, truncated or deeply nested JSON, valid envelopes with wrong values
 * in any attribute, huge strings and bodies, and query strings with garbage filters, sort keys,
 * limits and markers. Some requests stay valid so that the state keeps moving.
 */
final class Garbage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CORE = List.of("networks", "subnets", "ports");

    /** One request to send. */
    record Request(String method, String path, String query, byte[] body, Map<String, String> headers, String kind) {
        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return kind + ": " + method + " " + path + (query.isEmpty() ? "" : "?" + query) + " headers=" + headers
                    + " body[" + (body == null ? 0 : body.length) + "]=" + text;
        }
    }

    private final Random random;
    private final List<String> collections;
    private final Map<String, List<String>> ids;
    private final List<String> projects;
    private int bigBodies;

    /**
     * @param collections every collection under /v2.0 (core ones first)
     * @param ids         known ids by collection, grown by {@link #remember}
     * @param projects    project ids requests may speak as
     */
    Garbage(Random random, List<String> collections, Map<String, List<String>> ids, List<String> projects) {
        this.random = random;
        this.collections = collections;
        this.ids = ids;
        this.projects = projects;
    }

    /** Records the id of a resource a request created, to aim later requests at it. */
    void remember(String collection, String id) {
        ids.computeIfAbsent(collection, k -> new ArrayList<>()).add(id);
    }

    Request next() {
        String method = pick(List.of("GET", "GET", "POST", "POST", "POST", "PUT", "PUT", "PUT", "DELETE", "DELETE", "PATCH",
                "HEAD", "OPTIONS"));
        String collection = random.nextInt(5) == 0 ? pick(collections) : pick(CORE);
        String path = random.nextInt(4) == 0 ? path(collection) : aimed(method, collection);
        String query = random.nextInt(3) == 0 ? query(collection) : "";
        String kind = bodyKind();
        byte[] body = method.equals("GET") || method.equals("DELETE") || method.equals("HEAD") || method.equals("OPTIONS")
                ? (random.nextInt(6) == 0 ? body(kind, collection) : null) : body(kind, collection);
        return new Request(method, path, query, body, headers(), body == null ? "no body" : kind);
    }

    // ---- paths ----

    /** A path that makes sense for the method, so that the body and query garbage reach the handlers. */
    private String aimed(String method, String collection) {
        String base = "/v2.0/" + collection.replace('_', '-');
        String id = segment(idOf(collection));
        return switch (method) {
            case "POST" -> base;
            case "PUT" -> random.nextInt(5) == 0 ? base + "/" + id + "/tags" + (random.nextBoolean() ? "/" + segment(garbageString()) : "")
                    : random.nextInt(8) == 0 ? "/v2.0/quotas/" + segment(project()) : base + "/" + id;
            case "DELETE" -> random.nextInt(6) == 0 ? base + "/" + id + "/tags" + (random.nextBoolean() ? "/red" : "")
                    : random.nextInt(10) == 0 ? "/v2.0/quotas/" + segment(project()) : base + "/" + id;
            default -> random.nextBoolean() ? base : base + "/" + id;
        };
    }

    private String path(String collection) {
        String member = collection.substring(0, collection.length() - 1);
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> "/v2.0/" + collection.replace('_', '-');
            case 3, 4, 5, 6 -> "/v2.0/" + collection.replace('_', '-') + "/" + segment(anyId());
            case 7 -> "/v2.0/" + collection.replace('_', '-') + "/" + segment(anyId()) + "/tags";
            case 8 -> "/v2.0/" + collection.replace('_', '-') + "/" + segment(anyId()) + "/tags/" + segment(random.nextBoolean() ? "red" : garbageString());
            case 9 -> "/v2.0/quotas" + pick(List.of("", "/" + segment(project()), "/" + segment(project()) + "/details",
                    "/" + segment(project()) + "/default", "/tenant", "/" + segment(garbageString())));
            case 10 -> "/v2.0/network-ip-availabilities" + pick(List.of("", "/" + segment(anyId())));
            case 11 -> "/v2.0/extensions" + pick(List.of("", "/" + segment(garbageString()), "/binding", "/quotas"));
            case 12 -> pick(List.of("/", "/v2.0", "/v2.0/", "/v2.0/" + collection.replace('_', '-') + ".json", "/v3", "/v2.0//" + collection));
            case 13 -> "/v2.0/" + segment(garbageString()) + pick(List.of("", "/" + segment(anyId())));
            case 14 -> "/v2.0/" + collection.replace('_', '-') + "/" + segment(anyId()) + "/" + segment(garbageString()) + "/" + segment(garbageString());
            default -> "/v2.0/" + member + "/" + segment(anyId());
        };
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String anyId() {
        if (random.nextInt(3) == 0) {
            return pick(List.of(UUID.randomUUID().toString(), "not-a-uuid", "", " ", "..", "%", "0", UUID.randomUUID().toString()
                    .toUpperCase(), UUID.randomUUID().toString().replace("-", ""), "x".repeat(300), "ñ€𝄞", "null", "\u0000"));
        }
        List<String> all = new ArrayList<>();
        ids.values().forEach(all::addAll);
        return all.isEmpty() ? UUID.randomUUID().toString() : pick(all);
    }

    private String idOf(String collection) {
        List<String> known = ids.getOrDefault(collection, List.of());
        return known.isEmpty() || random.nextInt(8) == 0 ? anyId() : pick(known);
    }

    private String project() {
        return random.nextInt(5) == 0 ? garbageString() : pick(projects);
    }

    // ---- query strings ----

    private String query(String collection) {
        List<String> keys = new ArrayList<>(List.of("id", "name", "tenant_id", "project_id", "network_id", "admin_state_up", "shared",
                "status", "mtu", "cidr", "ip_version", "gateway_ip", "enable_dhcp", "mac_address", "fixed_ips", "device_owner",
                "device_id", "revision_number", "description", "tags", "tags-any", "not-tags", "not-tags-any", "fields", "sort_key",
                "sort_dir", "limit", "marker", "page_reverse", "binding:host_id", "subnets", "created_at", "ipv6_ra_mode", "router:external",
                "changed_since"));
        StringBuilder query = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = random.nextInt(6) == 0 ? garbageString() : pick(keys);
            String value = switch (key) {
                case "limit" -> pick(List.of("-1", "0", "1", "2", "2147483648", "99999999999999999999", "x", "", "1.5", " 3"));
                case "marker" -> random.nextBoolean() ? idOf(collection) : anyId();
                case "sort_key" -> pick(List.of("name", "id", "mtu", "subnets", "fixed_ips", "tags", "", garbageString()));
                case "sort_dir" -> pick(List.of("asc", "desc", "ASC", "up", ""));
                case "fixed_ips" -> pick(List.of("ip_address=10.0.0.2", "subnet_id=" + idOf("subnets"), "ip_address_substr=10",
                        "garbage", "=x", "ip_address=", "x=y", "ip_address=%_"));
                case "page_reverse" -> pick(List.of("True", "false", "maybe", ""));
                case "changed_since" -> pick(List.of("2026-01-01T00:00:00Z", "2026-01-01T00:00:00", "2026-01-01T00:00:00.5+05:30",
                        "2026-13-45T99:99:99", "yesterday", "", "99999-01-01T00:00:00Z", "-1"));
                default -> random.nextBoolean() ? garbageString() : pick(List.of("true", "True", "1", "0", "10.0.0.0/24", "4", "6",
                        idOf(collection), "", ",,,", "a,b"));
            };
            if (i > 0) {
                query.append('&');
            }
            query.append(encodeQuery(key));
            if (random.nextInt(10) != 0) {
                query.append('=').append(encodeQuery(value));
            }
        }
        if (random.nextInt(20) == 0) {
            query.append(pick(List.of("&&&", "&=", "&%C3%28=%FF", "&a=%E2%82", "&" + "k".repeat(2000) + "=v")));
        }
        return query.toString();
    }

    private String encodeQuery(String text) {
        return random.nextInt(4) == 0 ? text.replaceAll("[^A-Za-z0-9_:.,=-]", "_") : URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---- headers ----

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", random.nextInt(15) == 0 ? pick(List.of("text/plain", "application/xml", "garbage")) : "application/json");
        int who = random.nextInt(10);
        if (who < 8) {
            headers.put("X-Project-Id", random.nextInt(20) == 0 ? pick(List.of("p".repeat(300), "a b", "\"", "../..")) : pick(projects));
            headers.put("X-Roles", pick(List.of("member", "member", "admin", "reader", "", "admin,reader", "Member", "garbage,,")));
        } else if (who == 8) {
            headers.put("X-Roles", "member");
        }
        if (random.nextInt(12) == 0) {
            headers.put("If-Match", pick(List.of("revision_number=0", "revision_number=1", "revision_number=-1",
                    "revision_number=x", "revision_number=99999999999999999999", "*", "\"etag\"", "revision_number=")));
        }
        return headers;
    }

    // ---- bodies ----

    private String bodyKind() {
        return pick(List.of("valid", "valid", "mutated", "mutated", "mutated", "mutated", "wrong-shape", "random-bytes", "truncated",
                "huge-string", "deep-nesting", "scalar", "bulk", "big"));
    }

    private byte[] body(String kind, String collection) {
        return switch (kind) {
            case "valid" -> json(envelope(collection, validItem(collection)));
            case "mutated" -> json(envelope(collection, mutated(validItem(collection))));
            case "wrong-shape" -> json(wrongShape(collection));
            case "random-bytes" -> {
                byte[] bytes = new byte[random.nextInt(2000)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case "truncated" -> {
                byte[] whole = json(envelope(collection, mutated(validItem(collection))));
                byte[] cut = new byte[random.nextInt(Math.max(1, whole.length))];
                System.arraycopy(whole, 0, cut, 0, cut.length);
                yield cut;
            }
            case "huge-string" -> {
                Map<String, Object> item = validItem(collection);
                item.put(pick(List.of("name", "description", "device_id", "tenant_id", "cidr", "mac_address", "network_id")),
                        "x".repeat(pick(List.of(256, 4096, 65536, 100_000))));
                yield json(envelope(collection, item));
            }
            case "deep-nesting" -> deep(pick(List.of(10, 63, 65, 1000, 20_000)));
            case "scalar" -> pick(List.of("null", "1", "\"x\"", "true", "[]", "{}", "[{}]", "1e400", "-0", "\"\\ud800\"", "NaN",
                    "{\"a\":1,\"a\":2}", "{} {}", "\uFEFF{}")).getBytes(StandardCharsets.UTF_8);
            case "bulk" -> {
                List<Object> items = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(random.nextBoolean() ? validItem(collection) : random.nextBoolean() ? mutated(validItem(collection)) : garbageValue());
                }
                yield json(Map.of(collection, items));
            }
            default -> big(collection);
        };
    }

    /** A 1–5 MB body, a few times per run. */
    private byte[] big(String collection) {
        if (bigBodies >= 6) {
            return json(envelope(collection, mutated(validItem(collection))));
        }
        bigBodies++;
        int size = (1 + random.nextInt(5)) * 1024 * 1024;
        String padding = "y".repeat(size);
        return ("{\"" + member(collection) + "\": {\"name\": \"" + padding + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deep(int depth) {
        StringBuilder s = new StringBuilder("{\"network\": ");
        s.append("[".repeat(depth)).append("]".repeat(depth)).append('}');
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Object wrongShape(String collection) {
        return switch (random.nextInt(8)) {
            case 0 -> List.of(validItem(collection));
            case 1 -> Map.of(member(collection), List.of(validItem(collection)));
            case 2 -> Map.of(collection, validItem(collection));
            case 3 -> Map.of("network", validItem("subnets"));
            case 4 -> Map.of(member(collection), validItem(collection), "extra", 1);
            case 5 -> Api.map("tags", garbageValue());
            case 6 -> Api.map("quota", Api.map(pick(List.of("network", "port", "subnet", "router", "x")), garbageValue()));
            default -> Api.map(member(collection), garbageValue());
        };
    }

    private Map<String, Object> mutated(Map<String, Object> item) {
        int n = 1 + random.nextInt(3);
        List<String> attributes = List.of("name", "description", "admin_state_up", "shared", "mtu", "tenant_id", "project_id", "id",
                "network_id", "cidr", "ip_version", "gateway_ip", "allocation_pools", "dns_nameservers", "host_routes", "enable_dhcp",
                "ipv6_ra_mode", "ipv6_address_mode", "subnetpool_id", "mac_address", "fixed_ips", "device_id", "device_owner",
                "binding:host_id", "binding:profile", "binding:vnic_type", "tags", "status", "revision_number", "created_at",
                "provider:network_type", "provider:segmentation_id", "segments", "router:external", "unknown_attribute");
        for (int i = 0; i < n; i++) {
            String attribute = random.nextInt(3) == 0 ? pick(List.copyOf(item.keySet().isEmpty() ? attributes : item.keySet()))
                    : pick(attributes);
            if (random.nextInt(10) == 0) {
                item.remove(attribute);
            } else {
                item.put(attribute, valueFor(attribute));
            }
        }
        return item;
    }

    private Object valueFor(String attribute) {
        if (random.nextInt(3) == 0) {
            return garbageValue();
        }
        return switch (attribute) {
            case "cidr" -> pick(List.of("10.0.0.0/33", "10.0.0.5/24", "::/0", "0.0.0.0/0", "10.0.0.0/8", "300.1.1.1/24", "2001:db8::/129",
                    "10.0.0.1", "10.0.0.0/32", "2001:db8::/127", "10.0.0.0/-1", "10.0.0.0/24 ", "fe80::/64"));
            case "gateway_ip", "ip_address" -> garbageIp();
            case "mac_address" -> pick(List.of("ff:ff:ff:ff:ff:ff", "fa:16:3e:zz:00:00", "fa-16-3e-00-00-01", "fa163e000001",
                    "01:00:5e:00:00:01", "00:00:00:00:00:00", "FA:16:3E:00:00:01", "fa:16:3e:00:00:01", "fa:16:3e:0:0:1"));
            case "allocation_pools" -> pick(List.of(List.of(Map.of("start", garbageIp(), "end", garbageIp())),
                    List.of(Map.of("start", "10.0.0.2")), List.of(Map.of("start", "10.0.0.9", "end", "10.0.0.2")), poolsList(200),
                    List.of(Map.of("start", "10.0.0.2", "end", "10.0.0.9", "x", 1))));
            case "dns_nameservers" -> pick(List.of(List.of(garbageIp()), List.of("8.8.8.8", "8.8.8.8"), List.of("1.1.1.1", "1.1.1.2",
                    "1.1.1.3", "1.1.1.4", "1.1.1.5", "1.1.1.6"), List.of(List.of())));
            case "host_routes" -> pick(List.of(List.of(Map.of("destination", "0.0.0.0/0", "nexthop", garbageIp())),
                    List.of(Map.of("destination", garbageIp(), "nexthop", "10.0.0.1")), List.of("10.0.0.0/24"), List.of(Map.of())));
            case "fixed_ips" -> pick(List.of(List.of(Map.of("subnet_id", idOf("subnets"))), List.of(Map.of("ip_address", garbageIp())),
                    List.of(Map.of("subnet_id", idOf("subnets"), "ip_address", garbageIp())), List.of(Map.of()), List.of("10.0.0.3"),
                    List.of(Map.of("subnet_id", idOf("networks"))), List.of(Map.of("ip_address", "10.0.0.3"), Map.of("ip_address", "10.0.0.3"))));
            case "network_id", "subnetpool_id", "id" -> random.nextBoolean() ? idOf(pick(CORE)) : anyId();
            case "binding:profile" -> pick(List.of(Map.of("a", "b".repeat(5000)), Map.of(), List.of(), "{}", Map.of("nested", Map.of("x", 1))));
            case "tags" -> pick(List.of(List.of("a", "a"), List.of("x".repeat(256)), List.of(""), List.of("a,b"), List.of(1), "a"));
            case "ipv6_ra_mode", "ipv6_address_mode" -> pick(List.of("slaac", "dhcpv6-stateful", "dhcpv6-stateless", "SLAAC", ""));
            case "ip_version", "mtu", "revision_number", "provider:segmentation_id" -> pick(List.of(4, 6, 5, 0, -1, 68, 67, 65536,
                    9000, Integer.MAX_VALUE, Long.MAX_VALUE, "4", "x", 4.0, 1e300));
            case "segments" -> pick(List.of(List.of(), List.of(Map.of("provider:network_type", "vxlan")),
                    List.of(Map.of("provider:network_type", "vlan", "provider:segmentation_id", 5000))));
            default -> garbageString();
        };
    }

    private static List<Object> poolsList(int n) {
        List<Object> pools = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pools.add(Map.of("start", "10.0." + (i / 250) + "." + (i % 250 + 1), "end", "10.0." + (i / 250) + "." + (i % 250 + 1)));
        }
        return pools;
    }

    private String garbageIp() {
        return pick(List.of("256.1.1.1", "1.2.3", "::ffff:1.2.3.4", "fe80::1%eth0", "0.0.0.0", "255.255.255.255", "10.0.0.0",
                "10.0.0.255", "10.0.0.1", "10.0.0.77", "10.1.0.9", "2001:db8::1", "::", "1.2.3.4/24", " 10.0.0.3", "010.000.000.003",
                "0x0a000003", "167772163", ""));
    }

    private Object garbageValue() {
        return switch (random.nextInt(14)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> pick(List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE));
            case 3 -> new BigInteger("123456789012345678901234567890");
            case 4 -> pick(List.of(1e308, -0.0, 0.5, Double.MIN_VALUE));
            case 5 -> List.of();
            case 6 -> List.of(garbageString(), 1, List.of());
            case 7 -> Map.of();
            case 8 -> Map.of("a", Map.of("b", List.of(Map.of())));
            case 9 -> java.util.Collections.nCopies(1000, "z");
            default -> garbageString();
        };
    }

    private String garbageString() {
        return pick(List.of("", " ", "x", "x".repeat(256), "ñ€𝄞", "\u0000", "a\u0000b", "\u202eevil", "null", "true", "0", "-1",
                "' OR 1=1 --", "%s%n", "${jndi:x}", "<script>", "\\", "\"", "../../etc", "a,b", "\ud83d\ude00", "fa:16:3e:00:00:01",
                "10.0.0.0/24", UUID.randomUUID().toString(), "\t\n\r", "=", "&", "?", "#", "/"));
    }

    private Map<String, Object> validItem(String collection) {
        Map<String, Object> item = new LinkedHashMap<>();
        switch (collection) {
            case "networks" -> item.put("name", "g" + random.nextInt(1000));
            case "subnets" -> {
                item.put("network_id", idOf("networks"));
                item.put("ip_version", 4);
                item.put("cidr", "10." + (10 + random.nextInt(200)) + "." + random.nextInt(256) + ".0/24");
            }
            case "ports" -> {
                item.put("network_id", idOf("networks"));
                if (random.nextBoolean()) {
                    item.put("name", "p" + random.nextInt(1000));
                }
            }
            default -> item.put("name", "g" + random.nextInt(1000));
        }
        return item;
    }

    private static Map<String, Object> envelope(String collection, Object item) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(member(collection), item);
        return body;
    }

    private static String member(String collection) {
        return collection.endsWith("ies") ? collection.substring(0, collection.length() - 3) + "y"
                : collection.substring(0, collection.length() - 1);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
