package org.neutrino.agent.l2;

/**
 * A device that this host cannot wire as its details ask (unsupported network type, physnet
 * without a mapping, missing interface): it is reported down and left alone until the server
 * tells something new about it.
 */
public class UnwirableDeviceException extends RuntimeException {
    private final String device;

    public UnwirableDeviceException(String device, String reason) {
        super("cannot wire " + device + ": " + reason);
        this.device = device;
    }

    public String device() {
        return device;
    }
}
