package org.neutrino.agent.l2;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.firewall.FirewallDrivers;
import org.neutrino.agent.firewall.NoopFirewallDriver;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.lib.config.Opt;

/**
 * The Linux bridge agent's configuration as typed values.
 *
 * @param host               the host this agent serves ({@code [DEFAULT] host})
 * @param interfaceMappings  physnet → interface ({@code physical_interface_mappings})
 * @param bridgeMappings     physnet → existing bridge ({@code bridge_mappings})
 * @param enableVxlan        whether VXLAN networks are wired
 * @param localIp            the VTEP address; present when {@code enableVxlan}
 * @param pollingInterval    the period of the safety-net scan of the host's devices
 * @param reportInterval     the period of {@code report_state}
 * @param rpcTimeout         how long a call to the server may take
 * @param firewallDriver     the canonical name of {@code [securitygroup] firewall_driver}
 *                           ({@link FirewallDrivers})
 */
public record LinuxBridgeSettings(String host, Map<String, String> interfaceMappings,
                                  Map<String, String> bridgeMappings, boolean enableVxlan, Optional<String> localIp,
                                  Duration pollingInterval, Duration reportInterval, Duration rpcTimeout,
                                  String firewallDriver) {

    /** Settings of an agent that does not filter its ports. */
    public LinuxBridgeSettings(String host, Map<String, String> interfaceMappings, Map<String, String> bridgeMappings,
                               boolean enableVxlan, Optional<String> localIp, Duration pollingInterval,
                               Duration reportInterval, Duration rpcTimeout) {
        this(host, interfaceMappings, bridgeMappings, enableVxlan, localIp, pollingInterval, reportInterval, rpcTimeout,
                NoopFirewallDriver.NAME);
    }

    public LinuxBridgeSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        firewallDriver = FirewallDrivers.canonicalName(firewallDriver);
        interfaceMappings = Map.copyOf(interfaceMappings);
        bridgeMappings = Map.copyOf(bridgeMappings);
        if (enableVxlan && localIp.isEmpty()) {
            throw new ConfigException("[vxlan] local_ip is required when [vxlan] enable_vxlan is true");
        }
        for (Duration d : List.of(pollingInterval, reportInterval, rpcTimeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("intervals must be positive: " + d);
            }
        }
    }

    /**
     * Reads the settings from {@code config}.
     *
     * @throws ConfigException for a malformed mapping, a missing {@code local_ip} with VXLAN on,
     *                         {@code l2_population = false} with VXLAN on (multicast VXLAN is
     *                         not implemented), or a {@code firewall_driver} not implemented
     */
    public static LinuxBridgeSettings from(Config config) {
        String firewallDriver = FirewallDrivers.canonicalName(config.get(LinuxBridgeOptions.FIREWALL_DRIVER));
        boolean vxlan = config.get(LinuxBridgeOptions.ENABLE_VXLAN);
        if (vxlan && !config.get(LinuxBridgeOptions.L2_POPULATION)) {
            throw new ConfigException("[vxlan] l2_population = false is not supported: only unicast VXLAN driven "
                    + "by l2population is implemented (no multicast vxlan_group)");
        }
        String host = config.find(AgentOptions.HOST).filter(h -> !h.isBlank())
                .orElseGet(LinuxBridgeSettings::machineHostName);
        return new LinuxBridgeSettings(host,
                mappings(config, LinuxBridgeOptions.PHYSICAL_INTERFACE_MAPPINGS),
                mappings(config, LinuxBridgeOptions.BRIDGE_MAPPINGS),
                vxlan,
                config.find(LinuxBridgeOptions.LOCAL_IP).filter(ip -> !ip.isBlank()),
                Duration.ofSeconds(config.get(LinuxBridgeOptions.POLLING_INTERVAL)),
                Duration.ofSeconds(config.get(AgentOptions.REPORT_INTERVAL)),
                Duration.ofSeconds(config.get(AgentOptions.RPC_RESPONSE_TIMEOUT)),
                firewallDriver);
    }

    /** Parses {@code a:b} pairs as Neutron's {@code parse_mappings}: no blank part, no duplicate key or value. */
    static Map<String, String> mappings(Config config, Opt<List<String>> opt) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : config.get(opt)) {
            String pair = entry.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1 || pair.indexOf(':', colon + 1) >= 0) {
                throw new ConfigException("Invalid mapping '" + pair + "' in " + opt + ": expected physnet:device");
            }
            String key = pair.substring(0, colon).strip();
            String value = pair.substring(colon + 1).strip();
            if (out.containsKey(key)) {
                throw new ConfigException("Physnet '" + key + "' mapped twice in " + opt);
            }
            if (out.containsValue(value)) {
                throw new ConfigException("Device '" + value + "' mapped twice in " + opt);
            }
            out.put(key, value);
        }
        return out;
    }

    private static String machineHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new ConfigException("[DEFAULT] host is not set and the machine's host name is unknown: "
                    + e.getMessage());
        }
    }
}
