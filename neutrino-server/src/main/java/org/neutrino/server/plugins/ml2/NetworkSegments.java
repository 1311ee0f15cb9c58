package org.neutrino.server.plugins.ml2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ml2.SegmentStore;
import org.neutrino.db.ml2.SegmentStore.SegmentRow;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.plugins.ml2.drivers.Segment;

/**
 * The segments of networks: the {@code provider} and {@code multi-provider} attributes in
 * and out, their reservation through the {@link TypeManager}, their storage.
 */
final class NetworkSegments {
    static final String NETWORK_TYPE = "provider:network_type";
    static final String PHYSICAL_NETWORK = "provider:physical_network";
    static final String SEGMENTATION_ID = "provider:segmentation_id";

    private final TypeManager types;
    private final SegmentStore store;

    NetworkSegments(TypeManager types, SegmentStore store) {
        this.types = types;
        this.store = store;
    }

    TypeManager types() {
        return types;
    }

    /** The segments a create request asks for (empty: a project network). */
    List<Segment> requested(Map<String, Object> item) {
        boolean provider = item.containsKey(NETWORK_TYPE) || item.containsKey(PHYSICAL_NETWORK) || item.containsKey(SEGMENTATION_ID);
        List<Segment> out = new ArrayList<>();
        if (item.get("segments") instanceof List<?> list) {
            if (provider) {
                throw NeutronException.invalidInput("Segments and provider values cannot both be set.");
            }
            for (Object entry : list) {
                out.add(segment((Map<?, ?>) entry));
            }
        } else if (provider) {
            out.add(segment(item));
        }
        types.validate(out);
        return out;
    }

    private static Segment segment(Map<?, ?> map) {
        return new Segment((String) map.get(NETWORK_TYPE), (String) map.get(PHYSICAL_NETWORK), (Integer) map.get(SEGMENTATION_ID));
    }

    /** Reserves the requested segments, or allocates one for a project network. */
    List<Segment> reserve(Handle h, String networkId, List<Segment> requested) {
        return types.createSegments(h, networkId, requested);
    }

    /** Stores the segments of a network whose row exists. */
    void store(Handle h, String networkId, List<Segment> segments) {
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            store.insert(h, new SegmentRow(UUID.randomUUID().toString(), networkId, s.networkType(), s.physicalNetwork(),
                    s.segmentationId(), i));
        }
    }

    /** The MTU of a new or updated network: the requested one if allowed, else the largest allowed. */
    int mtu(List<Segment> segments, Object requested) {
        int max = types.maxMtu(segments);
        if (requested == null) {
            return max;
        }
        int mtu = (Integer) requested;
        if (mtu > max) {
            throw NeutronException.invalidInput("Requested MTU is too big, maximum is " + max);
        }
        return mtu;
    }

    List<Segment> segmentsOf(Handle h, String networkId) {
        return store.segmentsOf(h, networkId).stream()
                .map(r -> new Segment(r.networkType(), r.physicalNetwork(), r.segmentationId())).toList();
    }

    /** Frees the segments of a network being deleted. */
    void release(Handle h, String networkId) {
        types.releaseSegments(h, segmentsOf(h, networkId));
        store.deleteSegments(h, networkId);
    }

    /** Adds {@code provider:*} (one segment) or {@code segments} (several) to network rows: one query. */
    void render(Handle h, List<Map<String, Object>> networks) {
        Map<String, List<SegmentRow>> all = store.segmentsOf(h, networks.stream().map(n -> (String) n.get("id")).toList());
        for (Map<String, Object> network : networks) {
            List<SegmentRow> rows = all.getOrDefault((String) network.get("id"), List.of());
            if (rows.size() == 1) {
                SegmentRow row = rows.get(0);
                network.put(NETWORK_TYPE, row.networkType());
                network.put(PHYSICAL_NETWORK, row.physicalNetwork());
                network.put(SEGMENTATION_ID, row.segmentationId());
            } else if (rows.size() > 1) {
                List<Map<String, Object>> segments = new ArrayList<>();
                for (SegmentRow row : rows) {
                    Map<String, Object> segment = new LinkedHashMap<>();
                    segment.put(NETWORK_TYPE, row.networkType());
                    segment.put(PHYSICAL_NETWORK, row.physicalNetwork());
                    segment.put(SEGMENTATION_ID, row.segmentationId());
                    segments.add(segment);
                }
                network.put("segments", segments);
            }
        }
    }

    /** {@code provider:*} list filters (values converted) as SQL on the segments table. */
    Optional<ListQuery.Condition> filter(String attribute, List<Object> values) {
        String column = switch (attribute) {
            case NETWORK_TYPE -> "network_type";
            case PHYSICAL_NETWORK -> "physical_network";
            case SEGMENTATION_ID -> "segmentation_id";
            default -> null;
        };
        if (column == null) {
            return Optional.empty();
        }
        Map<String, Object> binds = new LinkedHashMap<>();
        List<String> in = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String bind = "seg_" + column + i;
            in.add(":" + bind);
            binds.put(bind, values.get(i));
        }
        return Optional.of(new ListQuery.Condition("t.id IN (SELECT network_id FROM networksegments WHERE " + column + " IN ("
                + String.join(", ", in) + "))", binds));
    }
}
