package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the fast path understands, and what it leaves to picocli. */
class QuickParserTest {
    private final QuickParser parser = new QuickParser(CommandCatalog.of(Resources.all()));

    @Test
    void understandsOptionsInEitherFormConnectionOptionsAndVerbose() {
        QuickParser.Line line = parser.parse(new String[] {"--os-endpoint", "http://h:1", "-v", "subnet-create",
                "net1", "10.0.0.0/24", "--dns-nameserver=192.0.2.1", "--dns-nameserver", "192.0.2.2",
                "--disable-dhcp", "-f", "json", "--os-project-id=p1"}).orElseThrow();

        assertThat(line.request().declaration().prefix()).isEqualTo("subnet");
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
    void leavesEverythingElseToPicocli() {
        assertThat(parser.parse(new String[] {"net-list", "--help"})).isEmpty();
        assertThat(parser.parse(new String[] {"help"})).isEmpty();
        assertThat(parser.parse(new String[] {"port", "list"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-create"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-show", "a", "b"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-create", "n", "--no-such-option"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-list", "-fjson"})).isEmpty();
        assertThat(parser.parse(new String[] {"net-create", "n", "--name"})).isEmpty();
    }
}
