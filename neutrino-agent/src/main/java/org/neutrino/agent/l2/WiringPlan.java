package org.neutrino.agent.l2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neutrino.linux.IpCommand;
import org.neutrino.linux.Link;

/**
 * The {@code ip} commands of one pass of the agent, planned against the links the host had at
 * the start of the pass: every command is needed (nothing is re-created that is already
 * right), a bridge or uplink shared by several taps is handled once, and the whole plan runs
 * as one {@code ip -batch}.
 */
final class WiringPlan {
    private final Map<String, Link> links = new HashMap<>();
    private final List<IpCommand> commands = new ArrayList<>();
    private final Set<String> handled = new HashSet<>();
    private final Set<String> created = new HashSet<>();

    WiringPlan(List<Link> current) {
        current.forEach(link -> links.put(link.name(), link));
    }

    /** The link as it was when the pass started. */
    Optional<Link> link(String name) {
        return Optional.ofNullable(links.get(name));
    }

    /** The links that were enslaved to {@code bridge} when the pass started. */
    List<Link> membersOf(String bridge) {
        return links.values().stream().filter(l -> l.master().filter(bridge::equals).isPresent()).toList();
    }

    /** Whether {@code device} is handled in this plan already; marks it handled. */
    boolean firstTime(String device) {
        return handled.add(device);
    }

    void add(IpCommand command) {
        commands.add(command);
    }

    /** Notes that this plan creates {@code device} (a new VXLAN device needs its FDB entries). */
    void creates(String device) {
        created.add(device);
    }

    boolean isCreated(String device) {
        return created.contains(device);
    }

    List<IpCommand> commands() {
        return List.copyOf(commands);
    }

    int size() {
        return commands.size();
    }
}
