package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** security-group-* and security-group-rule-*, and a port's groups and address pairs, against a real server. */
class SecurityGroupCommandsTest extends AgainstRealServer {
    @Test
    void groupsAndRulesByName() {
        ServerCli cli = cli();
        String t = viaPicocli() ? "sp" : "sf";
        String web = cli.ok("security-group-create", t + "-web", "--description", "web servers", "-f", "value",
                "-c", "id").line();
        JsonNode stored = cli.state("/security-groups/" + web).path("security_group");
        assertThat(stored.path("description").asText()).isEqualTo("web servers");
        assertThat(stored.path("security_group_rules")).as("the default egress rules").hasSize(2);

        cli.ok("security-group-update", t + "-web", "--name", t + "-www", "--description", "www");
        stored = cli.state("/security-groups/" + web).path("security_group");
        assertThat(stored.path("name").asText()).isEqualTo(t + "-www");
        assertThat(stored.path("description").asText()).isEqualTo("www");

        String ssh = cli.ok("security-group-rule-create", t + "-www", "--direction", "ingress", "--protocol", "tcp",
                "--port-range-min", "22", "--port-range-max", "22", "--remote-ip-prefix", "198.51.100.0/24",
                "--description", "ssh", "-f", "value", "-c", "id").line();
        JsonNode rule = cli.state("/security-group-rules/" + ssh).path("security_group_rule");
        assertThat(rule.path("security_group_id").asText()).isEqualTo(web);
        assertThat(rule.path("direction").asText()).isEqualTo("ingress");
        assertThat(rule.path("ethertype").asText()).isEqualTo("IPv4");
        assertThat(rule.path("protocol").asText()).isEqualTo("tcp");
        assertThat(rule.path("port_range_min").asInt()).isEqualTo(22);
        assertThat(rule.path("port_range_max").asInt()).isEqualTo(22);
        assertThat(rule.path("remote_ip_prefix").asText()).isEqualTo("198.51.100.0/24");

        String peers = cli.ok("security-group-rule-create", t + "-www", "--ethertype", "IPv6", "--protocol", "ipv6-icmp",
                "--remote-group-id", t + "-www", "-f", "value", "-c", "id").line();
        rule = cli.state("/security-group-rules/" + peers).path("security_group_rule");
        assertThat(rule.path("remote_group_id").asText()).isEqualTo(web);
        assertThat(rule.path("ethertype").asText()).isEqualTo("IPv6");

        assertThat(cli.ok("security-group-rule-list", "--security-group", t + "-www", "--direction", "ingress",
                "-f", "value", "-c", "id").out().lines()).containsExactlyInAnyOrder(ssh, peers);
        assertThat(cli.ok("security-group-rule-show", ssh, "-f", "json", "-c", "port_range_max").json().toString())
                .isEqualTo("{\"port_range_max\":22}");

        cli.ok("security-group-rule-delete", ssh);
        assertThat(cli.state("/security-group-rules/" + ssh).isMissingNode()).isTrue();
        assertThat(cli.state("/security-groups/" + web).path("security_group").path("security_group_rules")).hasSize(3);

        cli.ok("security-group-delete", t + "-www");
        assertThat(cli.state("/security-groups/" + web).isMissingNode()).isTrue();
        assertThat(cli.state("/security-group-rules/" + peers).isMissingNode()).isTrue();
    }

    @Test
    void portSecurityGroupsAddressPairsAndAGroupInUse() {
        ServerCli cli = cli();
        String t = viaPicocli() ? "pp" : "pf";
        cli.ok("net-create", t + "-net");
        cli.ok("subnet-create", t + "-net", "10.3.0.0/24", "--name", t + "-sub");
        String a = cli.ok("security-group-create", t + "-a", "-f", "value", "-c", "id").line();
        String b = cli.ok("security-group-create", t + "-b", "-f", "value", "-c", "id").line();

        String port = cli.ok("port-create", t + "-net", "--name", t + "-p", "--security-group", t + "-a",
                "--security-group", b, "--allowed-address-pair", "ip_address=10.3.0.0/28,mac_address=fa:16:3e:00:00:07",
                "--allowed-address-pair", "ip_address=10.3.0.100", "-f", "value", "-c", "id").line();
        JsonNode stored = cli.state("/ports/" + port).path("port");
        assertThat(stored.path("security_groups").toString()).contains(a, b);
        assertThat(stored.path("allowed_address_pairs")).hasSize(2);
        assertThat(stored.path("allowed_address_pairs").path(0).path("mac_address").asText())
                .isEqualTo("fa:16:3e:00:00:07");
        assertThat(stored.path("allowed_address_pairs").path(1).path("ip_address").asText()).isEqualTo("10.3.0.100");

        ServerCli.Run inUse = cli.fails(ExitStatus.REFUSED, "security-group-delete", t + "-a");
        assertThat(inUse.err()).startsWith("Error (409 SecurityGroupInUse)");
        assertThat(cli.state("/security-groups/" + a).isMissingNode()).isFalse();

        cli.ok("port-update", t + "-p", "--no-security-groups", "--no-allowed-address-pairs");
        stored = cli.state("/ports/" + port).path("port");
        assertThat(stored.path("security_groups").toString()).isEqualTo("[]");
        assertThat(stored.path("allowed_address_pairs").toString()).isEqualTo("[]");
        cli.ok("security-group-delete", t + "-a", t + "-b");

        String bare = cli.ok("port-create", t + "-net", "--no-security-groups", "-f", "value", "-c", "id").line();
        assertThat(cli.state("/ports/" + bare).path("port").path("security_groups").toString()).isEqualTo("[]");
    }

    @Test
    void aGroupNameOfTwoProjectsIsAmbiguousForAdminAndNotForTheMember() {
        ServerCli cli = cli();
        String t = viaPicocli() ? "ap" : "af";
        String one = cli.ok("security-group-create", t + "-dup", "--tenant-id", "proj-1", "-f", "value", "-c", "id").line();
        String two = cli.ok("security-group-create", t + "-dup", "--tenant-id", "proj-2", "-f", "value", "-c", "id").line();

        ServerCli.Run ambiguous = cli.run("security-group-rule-create", t + "-dup", "--protocol", "udp");
        assertThat(ambiguous.status()).isEqualTo(ExitStatus.NAME);
        assertThat(ambiguous.err()).contains("Multiple security group matches found for name '" + t + "-dup'", one, two);
        assertThat(cli.state("/security-group-rules?security_group_id=" + one + "&protocol=udp").path("security_group_rules"))
                .isEmpty();

        ServerCli.Run member = cli.runAs("proj-2", "security-group-rule-create", t + "-dup", "--protocol", "udp",
                "-f", "value", "-c", "security_group_id");
        assertThat(member.status()).as(member.err()).isZero();
        assertThat(member.line()).isEqualTo(two);
        assertThat(cli.state("/security-group-rules?security_group_id=" + one + "&protocol=udp").path("security_group_rules"))
                .isEmpty();

        ServerCli.Run hostile = cli.runAs("proj-2", "security-group-delete", one);
        assertThat(hostile.status()).isEqualTo(ExitStatus.REFUSED);
        assertThat(hostile.err()).startsWith("Error (404 SecurityGroupNotFound)");
        assertThat(cli.state("/security-groups/" + one).isMissingNode()).isFalse();
    }
}
