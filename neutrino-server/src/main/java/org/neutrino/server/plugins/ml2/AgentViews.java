package org.neutrino.server.plugins.ml2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neutrino.rpc.agent.DeviceDetails;

/** Small conversions between the agents' RPC arguments and answers and the API's attribute maps. */
final class AgentViews {
    private AgentViews() {
    }

    /** A JSON array of strings (absent: empty). */
    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** A port's {@code fixed_ips} as the agents' records. */
    static List<DeviceDetails.FixedIp> fixedIps(Map<String, Object> port) {
        List<DeviceDetails.FixedIp> out = new ArrayList<>();
        for (Object ip : (List<?>) port.get("fixed_ips")) {
            Map<?, ?> map = (Map<?, ?>) ip;
            out.add(new DeviceDetails.FixedIp((String) map.get("subnet_id"), (String) map.get("ip_address")));
        }
        return out;
    }
}
