package org.neutrino.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Command;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpCommand;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.IpNetns;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.Link;
import org.neutrino.linux.LinkAddress;

/**
 * The host side of Nova's interface driver, with a network namespace standing for the VM: a
 * veth pair whose host end is the port's {@code tap…} device (which the L2 agent then wires) and
 * whose other end is the VM's NIC. Works through one {@link Executor}, whose root helper decides
 * what "the host" is ({@code ip netns exec host-compute1} makes it a namespace). Plugging is
 * idempotent: a second plug of the same port into the same VM changes nothing.
 */
public final class VifPlugger {
    private static final String VETH = "veth";

    private final Executor executor;
    private final IpNetns netns;
    private final IpLib host;

    public VifPlugger(Executor executor) {
        this.executor = executor;
        this.netns = new IpNetns(executor);
        this.host = new IpLib(executor);
    }

    /**
     * Creates the VM namespace if missing, the veth pair if missing, sets both ends up (and
     * {@code lo} in the VM), the MTU, and the static addresses and routes when the spec has
     * some.
     *
     * @throws CliException when the tap or the VM's interface exists but is not this port's plug
     */
    public PlugResult plug(VifSpec spec) {
        String tap = spec.tapName();
        IpLib vm = host.inNamespace(spec.namespace());
        Optional<Link> tapLink = host.link(tap);
        boolean namespaceCreated = false;
        boolean vethCreated = false;
        Optional<Link> vmLink;
        if (tapLink.isPresent()) {
            vmLink = netns.exists(spec.namespace()) ? vm.link(spec.interfaceName()) : Optional.empty();
            requireSamePlug(spec, tapLink.get(), vmLink);
        } else {
            namespaceCreated = netns.ensure(spec.namespace());
            vmLink = namespaceCreated ? Optional.empty() : vm.link(spec.interfaceName());
            if (vmLink.isPresent()) {
                throw new CliException(spec.interfaceName() + " already exists in namespace " + spec.namespace()
                        + " (MAC " + vmLink.get().mac().orElse("?") + "): unplug the port that uses it, or choose "
                        + "another --ifname");
            }
            host.execute(IpCommands.addVeth(tap, spec.interfaceName(), Optional.of(spec.namespace()),
                    Optional.of(spec.macAddress()), spec.mtu()));
            vethCreated = true;
        }

        List<IpCommand> hostChanges = new ArrayList<>();
        List<IpCommand> vmChanges = new ArrayList<>();
        if (tapLink.map(link -> !link.up()).orElse(true)) {
            hostChanges.add(IpCommands.setUp(tap));
        }
        spec.mtu().ifPresent(mtu -> {
            if (tapLink.isPresent() && tapLink.get().mtu() != mtu) {
                hostChanges.add(IpCommands.setMtu(tap, mtu));
            }
            if (vmLink.isPresent() && vmLink.get().mtu() != mtu) {
                vmChanges.add(IpCommands.setMtu(spec.interfaceName(), mtu));
            }
        });
        if (vethCreated || !vm.link("lo").map(Link::up).orElse(false)) {
            vmChanges.add(IpCommands.setUp("lo"));
        }
        if (vmLink.map(link -> !link.up()).orElse(true)) {
            vmChanges.add(IpCommands.setUp(spec.interfaceName()));
        }
        if (spec.isStatic()) {
            Set<String> present = vethCreated ? Set.of()
                    : vm.addresses(spec.interfaceName()).stream().map(LinkAddress::cidr).collect(Collectors.toSet());
            for (String cidr : spec.addresses()) {
                if (!present.contains(cidr)) {
                    vmChanges.add(IpCommands.addAddress(spec.interfaceName(), cidr));
                }
            }
            for (String gateway : spec.gateways()) {
                if (vethCreated || !hasDefaultRoute(vm, gateway, spec.interfaceName())) {
                    vmChanges.add(IpCommands.replaceDefaultRoute(gateway, Optional.of(spec.interfaceName())));
                }
            }
        }
        host.apply(hostChanges).throwIfFailed();
        vm.apply(vmChanges).throwIfFailed();
        boolean changed = namespaceCreated || vethCreated || !hostChanges.isEmpty() || !vmChanges.isEmpty();
        return new PlugResult(spec, namespaceCreated, vethCreated, changed);
    }

    /**
     * Deletes the port's tap (which takes the VM end with it; a tap that is not a veth, thus not
     * made here, is refused) and, when asked, the VM namespace
     * after ending the processes that run in it (a DHCP client, say): first SIGTERM, then
     * SIGKILL for those still there.
     */
    public UnplugResult unplug(String portId, Optional<String> namespaceToDelete) {
        String tap = DeviceNames.tap(portId);
        boolean tapDeleted = false;
        Optional<Link> tapLink = host.link(tap);
        if (tapLink.isPresent()) {
            if (!tapLink.get().isKind(VETH)) {
                throw new CliException(tap + " is not a veth (kind " + tapLink.get().kind().orElse("none")
                        + "): not made by vif plug, left alone");
            }
            host.execute(IpCommands.deleteLink(tap));
            tapDeleted = true;
        }
        boolean namespaceDeleted = false;
        if (namespaceToDelete.isPresent() && netns.exists(namespaceToDelete.get())) {
            endProcessesIn(namespaceToDelete.get());
            netns.delete(namespaceToDelete.get());
            namespaceDeleted = true;
        }
        return new UnplugResult(tap, tapDeleted, namespaceToDelete, namespaceDeleted);
    }

    /** The names of the namespaces on the machine. */
    public List<String> namespaces() {
        return netns.list();
    }

    private static boolean hasDefaultRoute(IpLib vm, String gateway, String device) {
        IpVersion version = IpVersion.of(gateway);
        return vm.routes(version).stream().anyMatch(route -> route.destination().equals(version.defaultDestination())
                && route.gateway().filter(gateway::equals).isPresent()
                && route.device().filter(device::equals).isPresent());
    }

    private void requireSamePlug(VifSpec spec, Link tap, Optional<Link> vmLink) {
        if (!tap.isKind(VETH)) {
            throw new CliException(tap.name() + " exists and is not a veth (kind "
                    + tap.kind().orElse("none") + "): not made by vif plug, left alone");
        }
        boolean sameMac = vmLink.flatMap(Link::mac).map(mac -> mac.toLowerCase(Locale.ROOT))
                .filter(spec.macAddress()::equals).isPresent();
        if (vmLink.isEmpty() || !vmLink.get().isKind(VETH) || !sameMac) {
            throw new CliException(tap.name() + " exists but namespace " + spec.namespace() + " has no "
                    + spec.interfaceName() + " veth with MAC " + spec.macAddress()
                    + ": the port is plugged elsewhere; unplug it first");
        }
    }

    private void endProcessesIn(String namespace) {
        for (String signal : List.of("-TERM", "-KILL")) {
            List<String> pids = pidsIn(namespace);
            if (pids.isEmpty()) {
                return;
            }
            List<String> argv = new ArrayList<>(List.of("kill", signal));
            argv.addAll(pids);
            // a process may end by itself between the listing and the kill: exit code 1
            executor.check(Command.of(argv).allowingExitCodes(1).outsideHostNamespace());
            waitUntilEmpty(namespace);
        }
    }

    private void waitUntilEmpty(String namespace) {
        for (int i = 0; i < 20 && !pidsIn(namespace).isEmpty(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while waiting for the processes of " + namespace + " to end", e);
            }
        }
    }

    private List<String> pidsIn(String namespace) {
        String out = executor.check(Command.of("ip", "netns", "pids", namespace).outsideHostNamespace()).stdout();
        return List.of(out.strip().split("\\s+")).stream().filter(p -> p.matches("\\d+")).toList();
    }
}
