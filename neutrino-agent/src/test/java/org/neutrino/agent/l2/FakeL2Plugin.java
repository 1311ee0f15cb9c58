package org.neutrino.agent.l2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.agent.NetworkFdb;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/** A q-plugin subscriber answering the L2 agent's calls from maps the test fills, and recording them. */
final class FakeL2Plugin implements AutoCloseable {
    final Map<String, DeviceDetails> ports = new ConcurrentHashMap<>();
    final Map<String, NetworkFdb> fdb = new ConcurrentHashMap<>();
    final List<List<String>> detailsAsked = new CopyOnWriteArrayList<>();
    final List<Update> updates = new CopyOnWriteArrayList<>();
    final List<List<String>> fdbAsked = new CopyOnWriteArrayList<>();
    final List<AgentState> states = new CopyOnWriteArrayList<>();
    /** What {@code security_group_info_for_devices} answers from: device → filter, group → rules, members. */
    final Map<String, SecurityGroupInfo.PortFilter> portFilters = new ConcurrentHashMap<>();
    final Map<String, SecurityGroupInfo.Group> groups = new ConcurrentHashMap<>();
    final Map<String, Map<String, List<String>>> members = new ConcurrentHashMap<>();
    final List<List<String>> securityGroupInfoAsked = new CopyOnWriteArrayList<>();
    private final Subscription subscription;

    /** One {@code update_device_list} call. */
    record Update(List<String> up, List<String> down) {
    }

    FakeL2Plugin(MessageBus bus) {
        subscription = bus.subscribe(Target.topic(AgentTopics.PLUGIN), this::handle);
    }

    private JsonNode handle(Message message) {
        JsonNode args = message.args();
        switch (message.method()) {
            case AgentTopics.REPORT_STATE -> {
                states.add(AgentJson.read(args.path("agent_state"), AgentState.class));
                return null;
            }
            case AgentTopics.GET_DEVICES_DETAILS_LIST -> {
                List<String> devices = strings(args.path("devices"));
                detailsAsked.add(devices);
                ArrayNode out = AgentJson.mapper().createArrayNode();
                devices.forEach(d -> out.add(AgentJson.tree(ports.getOrDefault(d, DeviceDetails.unknown(d)))));
                return out;
            }
            case AgentTopics.UPDATE_DEVICE_LIST -> {
                updates.add(new Update(strings(args.path("devices_up")), strings(args.path("devices_down"))));
                ObjectNode out = AgentJson.object();
                out.set("devices_up", args.path("devices_up"));
                out.set("devices_down", args.path("devices_down"));
                out.putArray("failed_devices_up");
                out.putArray("failed_devices_down");
                return out;
            }
            case AgentTopics.GET_NETWORK_FDB -> {
                List<String> networks = strings(args.path("network_ids"));
                fdbAsked.add(networks);
                ObjectNode out = AgentJson.object();
                networks.stream().filter(fdb::containsKey).forEach(n -> out.set(n, AgentJson.tree(fdb.get(n))));
                return out;
            }
            case AgentTopics.SECURITY_GROUP_INFO_FOR_DEVICES -> {
                List<String> devices = strings(args.path("devices"));
                securityGroupInfoAsked.add(devices);
                Map<String, SecurityGroupInfo.PortFilter> answered = new TreeMap<>();
                devices.stream().filter(portFilters::containsKey).forEach(d -> answered.put(d, portFilters.get(d)));
                return AgentJson.tree(new SecurityGroupInfo(answered, Map.copyOf(groups), Map.copyOf(members)));
            }
            default -> throw new IllegalArgumentException("unexpected call " + message.method());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
