package org.neutrino.server.policy;

import java.util.List;

import org.neutrino.lib.config.Opt;

/** The {@code [oslo_policy]} options Neutrino honours. */
public final class PolicyOptions {
    /** The operator's policy file; a relative path is looked up beside the configuration files. */
    public static final Opt<String> POLICY_FILE = Opt.string("oslo_policy", "policy_file", "policy.yaml",
            "The relative or absolute path of a file that maps roles to permissions. Relative paths are "
                    + "looked up in the configuration directories and beside the configuration files. Rules "
                    + "in this file override the built-in defaults; a missing file means the defaults apply.");

    /** Every option of this class, for unknown-option checks and the sample configuration. */
    public static final List<Opt<?>> ALL = List.of(POLICY_FILE);

    private PolicyOptions() {
    }
}
