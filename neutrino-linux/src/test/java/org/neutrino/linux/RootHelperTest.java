package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RootHelperTest {
    @Test
    void blankOptionMeansNoHelper() {
        assertThat(RootHelper.parse("")).isEqualTo(RootHelper.none());
        assertThat(RootHelper.parse(null).wrap(Command.of("ip", "link"))).containsExactly("ip", "link");
    }

    @Test
    void netnsExecSuffixNamesTheHostNamespace() {
        RootHelper helper = RootHelper.parse("sudo  ip netns exec host-compute1 ");
        assertThat(helper.privilegePrefix()).containsExactly("sudo");
        assertThat(helper.hostNamespace()).contains("host-compute1");
        assertThat(helper.wrap(Command.of("ip", "link")))
                .containsExactly("sudo", "ip", "netns", "exec", "host-compute1", "ip", "link");
    }

    @Test
    void namespaceManagementSkipsTheHostNamespaceButKeepsPrivilege() {
        RootHelper helper = RootHelper.parse("sudo ip netns exec host1");
        assertThat(helper.wrap(Command.of("ip", "netns", "add", "qdhcp-1").outsideHostNamespace()))
                .containsExactly("sudo", "ip", "netns", "add", "qdhcp-1");
    }

    @Test
    void aHelperWithoutNetnsIsOnlyAPrefix() {
        RootHelper helper = RootHelper.parse("sudo neutron-rootwrap /etc/neutron/rootwrap.conf");
        assertThat(helper).isEqualTo(new RootHelper(
                List.of("sudo", "neutron-rootwrap", "/etc/neutron/rootwrap.conf"), Optional.empty()));
    }
}
