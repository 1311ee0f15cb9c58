package org.neutrino.rpc;

import java.util.List;
import org.neutrino.lib.config.Opt;

/** The message bus options, shared by the server and the agents (oslo.messaging's names). */
public final class BusOptions {
    private BusOptions() {
    }

    public static final Opt<String> TRANSPORT_URL = Opt.string("DEFAULT", "transport_url", "",
            "The message bus between server and agents: rabbit://user:pass@host:5672/ for RabbitMQ; empty for the "
                    + "in-process bus (all-in-one).").asSecret();
    public static final Opt<Integer> RPC_RESPONSE_TIMEOUT = Opt.integer("DEFAULT", "rpc_response_timeout", 60, 1, null,
            "Seconds to wait for a response from a call.");

    public static List<Opt<?>> all() {
        return List.of(TRANSPORT_URL, RPC_RESPONSE_TIMEOUT);
    }
}
