package org.neutrino.server.services.subnetpools;

import java.util.List;
import org.neutrino.lib.config.Opt;

/** The options of the subnet pool plugin. */
final class SubnetPoolOptions {
    private SubnetPoolOptions() {
    }

    /**
     * The default limit of the {@code subnetpool} quota resource. Neutron registers the resource
     * without an option of its own, so its limit is the default quota, unlimited.
     */
    static final Opt<Integer> QUOTA_SUBNETPOOL = Opt.integer("quotas", "quota_subnetpool", -1, -1, null,
            "Number of subnet pools allowed per project; -1 for unlimited.");

    static List<Opt<?>> all() {
        return List.of(QUOTA_SUBNETPOOL);
    }
}
