package org.neutrino.lib.config;

import java.util.List;

/** Options read by every Neutrino process. */
public final class CommonOptions {
    private CommonOptions() {
    }

    public static final Opt<String> STATE_PATH = Opt.string("DEFAULT", "state_path", "/var/lib/neutrino",
            "Where Neutrino keeps its state: the embedded database of the server when [database] connection is empty, "
                    + "the dnsmasq files of the DHCP agent.");

    public static final Opt<String> HOST = Opt.string("DEFAULT", "host", null,
            "The host name this agent serves; defaults to the machine's host name.")
            .withSampleDefault("<the machine's host name>");

    public static List<Opt<?>> all() {
        return List.of(STATE_PATH);
    }
}
