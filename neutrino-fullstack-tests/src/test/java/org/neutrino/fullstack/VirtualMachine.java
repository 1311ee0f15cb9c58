package org.neutrino.fullstack;

import org.neutrino.lib.DeviceNames;

/**
 * A "VM": a network namespace whose {@code eth0} is the VM end of a port's veth, plugged on a
 * simulated host by {@code vif plug}.
 *
 * @param namespace  the VM's namespace
 * @param portId     its port
 * @param macAddress the port's MAC (eth0's)
 * @param fixedIp    the port's first fixed IPv4 address
 * @param host       the host the port is bound to
 */
record VirtualMachine(String namespace, String portId, String macAddress, String fixedIp, SimulatedHost host) {
    VirtualMachine {
        if (namespace == null || portId == null || macAddress == null || fixedIp == null || host == null) {
            throw new IllegalArgumentException("every part of a VM is required");
        }
    }

    /** The port's device on the host: {@code tap} + the first 11 characters of the port id. */
    String tap() {
        return DeviceNames.tap(portId);
    }
}
