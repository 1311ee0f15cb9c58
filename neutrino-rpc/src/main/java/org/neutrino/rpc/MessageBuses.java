package org.neutrino.rpc;

import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.rpc.rabbit.RabbitBus;

/** Chooses the transport of a bus from {@code [DEFAULT] transport_url}. */
public final class MessageBuses {

    /** The URL of the in-process transport: every component of this JVM shares one bus. */
    public static final String IN_PROCESS_URL = "in-process:";

    private MessageBuses() {
    }

    /**
     * Opens a bus for {@code transportUrl}: {@code in-process:} (or an empty or null URL) gives
     * a new {@link InProcessBus}, which all components of the process must then share;
     * {@code rabbit://...} connects a {@link RabbitBus} with the default control exchange
     * {@code neutron} and the default {@link RabbitBus.Options}.
     *
     * @throws IllegalArgumentException for another scheme or a malformed URL
     * @throws BusUnavailableException  when the broker cannot be reached
     */
    public static MessageBus fromTransportUrl(String transportUrl) {
        return fromTransportUrl(transportUrl, RabbitBus.Options.defaults().controlExchange());
    }

    /**
     * Like {@link #fromTransportUrl(String)}, with the topic exchange of a RabbitMQ bus taken
     * from {@code [DEFAULT] control_exchange}.
     */
    public static MessageBus fromTransportUrl(String transportUrl, String controlExchange) {
        if (transportUrl == null || transportUrl.isBlank()) {
            return new InProcessBus();
        }
        TransportUrl url = TransportUrl.parse(transportUrl.strip());
        return switch (url.transport()) {
            case "in-process" -> new InProcessBus();
            case "rabbit" -> RabbitBus.connect(url,
                    RabbitBus.Options.defaults().withControlExchange(controlExchange));
            default -> throw new IllegalArgumentException("unsupported transport in transport_url "
                    + TransportUrl.redacted(transportUrl) + ": use rabbit://user:pass@host:port/vhost or "
                    + IN_PROCESS_URL);
        };
    }
}
