package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the fast path understands, and what it leaves to picocli. */
class QuickParserTest {
    private final Map<String, ResourceRequest> catalog = CommandCatalog.of(Resources.all());
    private final QuickParser parser = new QuickParser(NeutrinoCli.quickCommands(catalog));

    @Test
    void understandsOptionsInEitherFormConnectionOptionsAndVerbose() {
        QuickParser.Line line = parser.parse(new String[] {"--os-endpoint", "http://h:1", "-v", "subnet-create",
                "net1", "10.0.0.0/24", "--dns-nameserver=192.0.2.1", "--dns-nameserver", "192.0.2.2",
                "--disable-dhcp", "-f", "json", "--os-project-id=p1"}).orElseThrow();

        assertThat(line.command()).isSameAs(catalog.get("subnet-create"));
        assertThat(line.verbose()).isTrue();
        assertThat(line.connection()).isEqualTo(Map.of("endpoint", "http://h:1", "project_id", "p1"));
        assertThat(line.args().positionals()).containsExactly("net1", "10.0.0.0/24");
        assertThat(line.args().values("--dns-nameserver")).containsExactly("192.0.2.1", "192.0.2.2");
        assertThat(line.args().values("--disable-dhcp")).containsExactly("true");
        assertThat(line.args().value("-f", "table")).isEqualTo("json");
    }

    @Test
    void aBooleanOptionTakesAValueOnlyWhenItIsOne() {
        assertThat(parser.parse(new String[] {"net-create", "--shared", "n1"}).orElseThrow().args())
                .isEqualTo(new ParsedArgs(Map.of("--shared", List.of("true")), List.of("n1")));
        assertThat(parser.parse(new String[] {"net-update", "n1", "--shared", "False"}).orElseThrow().args()
                .values("--shared")).containsExactly("False");
    }

    @Test
    void understandsVifPlugAndUnplug() {
        QuickParser.Line plug = parser.parse(new String[] {"vif", "plug", "p1", "--netns", "vm1", "--static",
                "--config-file", "a.ini", "--config-file=b.ini", "--root-helper", "ip netns exec h1", "-v"}).orElseThrow();
        assertThat(plug.command()).isInstanceOf(VifPlug.class);
        assertThat(plug.args().positionals()).containsExactly("p1");
        assertThat(plug.args().values("--config-file")).containsExactly("a.ini", "b.ini");
        assertThat(plug.args().has("--static")).isTrue();
        assertThat(plug.verbose()).isTrue();
        assertThat(parser.parse(new String[] {"vif", "unplug", "p1", "--delete-netns"}).orElseThrow().command())
                .isInstanceOf(VifUnplug.class);
        assertThat(parser.parse(new String[] {"port", "list", "--network", "n1"}).orElseThrow().args().values("--network"))
                .containsExactly("n1");
        assertThat(parser.parse(new String[] {"network", "list"})).isNotEmpty();
        assertThat(parser.parse(new String[] {"agent", "list"})).isNotEmpty();
    }

    @Test
    void leavesEverythingElseToPicocli() {
        assertThat(parser.parse(new String[] {"vif", "plug", "p1"})).as("no --netns").isEmpty();
        assertThat(parser.parse(new String[] {"vif", "plug", "--help"})).isEmpty();
        assertThat(parser.parse(new String[] {"vif", "unplug", "p1", "p2"})).isEmpty();
        assertThat(parser.parse(new String[] {"vif"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-list", "--help"})).isEmpty();
        assertThat(parser.parse(new String[] {"help"})).isEmpty();
        assertThat(parser.parse(new String[] {"port", "list", "extra"})).isEmpty();
        assertThat(parser.parse(new String[] {"trace", "port", "p1"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-create"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-show", "a", "b"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-create", "n", "--no-such-option"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-list", "-fjson"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-create", "n", "--name"})).isEmpty();
    }
}
