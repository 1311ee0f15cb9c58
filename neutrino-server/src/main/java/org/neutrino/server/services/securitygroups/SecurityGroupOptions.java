package org.neutrino.server.services.securitygroups;

import java.util.List;
import org.neutrino.lib.config.Opt;

/** The options of the security-group family, with Neutron's sections and names. */
public final class SecurityGroupOptions {
    private SecurityGroupOptions() {
    }

    public static final Opt<Integer> QUOTA_SECURITY_GROUP = Opt.integer("quotas", "quota_security_group", 10, -1, null,
            "Number of security groups allowed per project (the default group included); -1 for unlimited.");
    public static final Opt<Integer> QUOTA_SECURITY_GROUP_RULE = Opt.integer("quotas", "quota_security_group_rule", 100, -1, null,
            "Number of security group rules allowed per project; -1 for unlimited.");
    public static final Opt<Integer> MAX_ALLOWED_ADDRESS_PAIR = Opt.integer("DEFAULT", "max_allowed_address_pair", 10, 0, null,
            "Maximum number of allowed address pairs per port.");

    public static List<Opt<?>> all() {
        return List.of(QUOTA_SECURITY_GROUP, QUOTA_SECURITY_GROUP_RULE, MAX_ALLOWED_ADDRESS_PAIR);
    }
}
