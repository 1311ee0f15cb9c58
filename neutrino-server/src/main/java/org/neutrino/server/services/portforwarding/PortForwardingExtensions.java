package org.neutrino.server.services.portforwarding;

import static org.neutrino.lib.api.AttributeDef.of;

import java.util.List;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.api.Validators;

/**
 * {@code floating-ip-port-forwarding} with {@code floating-ip-port-forwarding-description} and
 * {@code expose-port-forwarding-in-fip}, after neutron-lib's definitions and Neutron's policies
 * ({@code conf/policies/floatingip_port_forwarding.py}, legacy rules: the floating IP's project
 * or an admin). Protocols are {@code tcp} and {@code udp}, which the L3 agent forwards; port
 * ranges ({@code floating-ip-port-forwarding-port-ranges}) are not served.
 */
final class PortForwardingExtensions {
    /** neutron-lib's {@code LONG_DESCRIPTION_FIELD_SIZE}. */
    private static final int DESCRIPTION_MAX = 1024;
    private static final int PORT_MIN = 1;
    private static final int PORT_MAX = 65535;

    static final String COLLECTION = "port_forwardings";
    /** The member name in the policy rules: {@code get_floatingip_port_forwarding}. */
    static final String POLICY_MEMBER = "floatingip_port_forwarding";

    private PortForwardingExtensions() {
    }

    /** The sub-collection's attribute table (with the description of {@code floating-ip-port-forwarding-description}). */
    static ResourceDef portForwardings() {
        return new ResourceDef(COLLECTION, "port_forwarding").extend(
            of("id").validate(Validators.UUID_VALUE).query().build(),
            of("external_port").postPut().convert(Converters.INTEGER).validate(Validators.range(PORT_MIN, PORT_MAX)).query().build(),
            of("internal_port").postPut().convert(Converters.INTEGER).validate(Validators.range(PORT_MIN, PORT_MAX)).build(),
            of("internal_ip_address").postPut().defaultValue(null).validate(Validators.IP_ADDRESS_OR_NONE).build(),
            of("protocol").postPut().validate(Validators.values("tcp", "udp")).query().build(),
            of("internal_port_id").postPut().validate(Validators.UUID_VALUE).query().build(),
            of("description").postPut().defaultValue("").validate(Validators.string(DESCRIPTION_MAX)).filter().build());
    }

    static List<ExtensionDescriptor> all() {
        return List.of(
            ExtensionDescriptor.builder("floating-ip-port-forwarding")
                .describedAs("Floating IP Port Forwarding", "Allow port forwarding from floating IP port to an internal port",
                        "2018-01-19T10:00:00-00:00")
                .subResource("floatingips", COLLECTION)
                .writePolicy("create_" + POLICY_MEMBER, "rule:admin_or_owner")
                .policy("get_" + POLICY_MEMBER, "rule:admin_or_owner")
                .writePolicy("update_" + POLICY_MEMBER, "rule:admin_or_owner")
                .writePolicy("delete_" + POLICY_MEMBER, "rule:admin_or_owner")
                .requires("router")
                .build(),
            ExtensionDescriptor.builder("floating-ip-port-forwarding-description")
                .describedAs("Floating IP Port Forwarding new attribute description",
                        "Add a description field to Port Forwarding rules", "2019-11-01T10:00:00-00:00")
                .requires("floating-ip-port-forwarding")
                .build(),
            ExtensionDescriptor.builder("expose-port-forwarding-in-fip")
                .describedAs("Expose Floating IP port forwardings", "Expose port forwarding fields in floating IP response",
                        "2018-06-28T16:00:00-00:00")
                .attributes("floatingips", exposed())
                .requires("router", "floating-ip-port-forwarding")
                .build());
    }

    /** {@code port_forwardings} of a floating IP: read-only, shown. */
    private static AttributeDef exposed() {
        return of(COLLECTION).build();
    }
}
