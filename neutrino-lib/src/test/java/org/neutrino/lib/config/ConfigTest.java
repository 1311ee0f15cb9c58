package org.neutrino.lib.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
    private static final Opt<String> HOST = Opt.string("DEFAULT", "bind_host", "0.0.0.0", "Host to bind to.");
    private static final Opt<Integer> PORT = Opt.port("DEFAULT", "bind_port", 9696, "Port to bind to.");
    private static final Opt<Integer> WORKERS = Opt.integer("DEFAULT", "api_workers", 1, 1, 64, "Workers.");
    private static final Opt<List<String>> SERVICE_PLUGINS =
            Opt.list("DEFAULT", "service_plugins", List.of(), "Service plugins.");
    private static final Opt<Boolean> DEBUG = Opt.bool("DEFAULT", "debug", false, "Debug logging.");
    private static final Opt<String> CONNECTION = Opt.string("database", "connection", null, "Database URL.")
            .withDeprecatedName("DEFAULT", "sql_connection").asSecret();
    private static final Opt<Integer> REPORT_INTERVAL = Opt.integer("AGENT", "report_interval", 30, "Seconds.");
    private static final Opt<String> STATE_PATH =
            Opt.string("DEFAULT", "state_path", "/var/lib/neutron", "Where state files go.");
    private static final Opt<String> LOCK_PATH =
            Opt.string("oslo_concurrency", "lock_path", "$state_path/lock", "Lock files.");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void laterFilesOverrideEarlierOnesOptionByOption() throws IOException {
        Path a = write("a.conf", """
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = 9000
                """);
        Path b = write("b.conf", """
                [DEFAULT]
                bind_port = 9001
                """);

        Config config = Config.load(List.of(a, b));

        assertThat(config.get(PORT)).isEqualTo(9001);
        assertThat(config.get(HOST)).isEqualTo("127.0.0.1");
        assertThat(config.source(PORT)).hasValueSatisfying(v -> assertThat(v.location()).isEqualTo(b + ":2"));
        assertThat(config.files()).containsExactly(a, b);
    }

    @Test
    void unsetOptionsHaveTheirDefault() {
        Config config = Config.empty();

        assertThat(config.get(PORT)).isEqualTo(9696);
        assertThat(config.get(CONNECTION)).isNull();
        assertThat(config.find(CONNECTION)).isEmpty();
        assertThat(config.isSet(PORT)).isFalse();
    }

    @Test
    void continuationLinesBelongToThePreviousValue() throws IOException {
        Path file = write("neutron.conf", """
                [DEFAULT]
                service_plugins = router,
                    qos,
                \tsegments
                bind_host = first
                  second
                """);

        Config config = Config.load(List.of(file));

        assertThat(config.get(SERVICE_PLUGINS)).containsExactly("router", "qos", "segments");
        assertThat(config.get(HOST)).isEqualTo("first\nsecond");
    }

    @Test
    void commentsColonsAndQuotesAreReadAsOsloConfigDoes() throws IOException {
        Path file = write("neutron.conf", """
                # a comment
                ; another comment
                [DEFAULT]
                #bind_port = 1
                bind_port: 9797
                bind_host = "10.0.0.1"
                """);

        Config config = Config.load(List.of(file));

        assertThat(config.get(PORT)).isEqualTo(9797);
        assertThat(config.get(HOST)).isEqualTo("10.0.0.1");
    }

    @Test
    void sectionNamesOtherThanDefaultAreCaseInsensitive() {
        Config config = Config.of(Map.of("agent", Map.of("report_interval", "5")));

        assertThat(config.get(REPORT_INTERVAL)).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "yes,true", "On,true", "1,true",
                "false,false", "No,false", "off,false", "0,false", "' false ',false"})
    void booleansAcceptOsloConfigWords(String text, boolean expected) {
        Config config = Config.of(Map.of("DEFAULT", Map.of("debug", text)));

        assertThat(config.get(DEBUG)).isEqualTo(expected);
    }

    @Test
    void listsAreTrimmedAndDropEmptyItems() {
        assertThat(Config.of(Map.of("DEFAULT", Map.of("service_plugins", " router, ,qos ,,"))).get(SERVICE_PLUGINS))
                .containsExactly("router", "qos");
        assertThat(Config.of(Map.of("DEFAULT", Map.of("service_plugins", ""))).get(SERVICE_PLUGINS)).isEmpty();
    }

    @Test
    void badValueErrorNamesFileLineSectionAndOption() throws IOException {
        Path file = write("neutron.conf", """
                [DEFAULT]
                debug = maybe
                bind_port = http
                """);
        Config config = Config.load(List.of(file));

        assertThatThrownBy(() -> config.get(PORT))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 'http' for option [DEFAULT] bind_port in " + file + ":3: not an integer");
        assertThatThrownBy(() -> config.get(DEBUG))
                .hasMessageContaining("[DEFAULT] debug in " + file + ":2: not a boolean");
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> Config.of(Map.of("DEFAULT", Map.of("api_workers", "0"))).get(WORKERS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("should be greater than or equal to 1");
        assertThatThrownBy(() -> Config.of(Map.of("DEFAULT", Map.of("bind_port", "70000"))).get(PORT))
                .hasMessageContaining("should be less than or equal to 65535");
    }

    @Test
    void secretValuesAreNeverEchoed() {
        Opt<Integer> secretNumber = Opt.integer("DEFAULT", "pin", 0, "A pin.").asSecret();
        Config config = Config.of(Map.of("DEFAULT", Map.of("pin", "hunter2"),
                "database", Map.of("connection", "postgresql://neutron:s3cret@db/neutron")));

        assertThatThrownBy(() -> config.get(secretNumber))
                .hasMessage("Invalid value for option [DEFAULT] pin in override: not an integer")
                .hasMessageNotContaining("hunter2");
        Config dollar = Config.of(Map.of("database", Map.of("connection", "postgresql://neutron:pa$word@db/n")));
        assertThatThrownBy(() -> dollar.get(CONNECTION))
                .hasMessage("Invalid $ reference in secret option [database] connection in override"
                        + " (write $$ for a literal $)");
        assertThat(config.describe(List.of(CONNECTION, PORT)))
                .containsExactly("[database] connection = ****", "[DEFAULT] bind_port = 9696");
    }

    @Test
    void deprecatedNamesAreReadWhenTheCurrentNameIsNotSet() {
        Config old = Config.of(Map.of("DEFAULT", Map.of("sql_connection", "sqlite://")));
        Config both = old.toBuilder().set("database", "connection", "h2:mem").build();

        assertThat(old.get(CONNECTION)).isEqualTo("sqlite://");
        assertThat(both.get(CONNECTION)).isEqualTo("h2:mem");
    }

    @Test
    void programmaticOverridesWinOverFiles() throws IOException {
        Path file = write("neutron.conf", "[DEFAULT]\nbind_port = 9696\n");

        Config config = Config.builder().file(file).set(PORT, 0).build();

        assertThat(config.get(PORT)).isZero();
    }

    @Test
    void stateValuesAreInterpolatedInDefaultsAndFileValues() {
        Config defaults = Config.builder().declare(List.of(STATE_PATH)).build();
        Config custom = Config.builder().declare(List.of(STATE_PATH))
                .set("DEFAULT", "state_path", "/srv/neutrino")
                .set("DEFAULT", "bind_host", "${database.connection}-$$-\\$x-${state_path}")
                .set("database", "connection", "h2:$state_path/db")
                .build();

        assertThat(defaults.get(LOCK_PATH)).isEqualTo("/var/lib/neutron/lock");
        assertThat(custom.get(LOCK_PATH)).isEqualTo("/srv/neutrino/lock");
        assertThat(custom.get(HOST)).isEqualTo("h2:/srv/neutrino/db-$-$x-/srv/neutrino");
    }

    @Test
    void referencesToUnknownOrCircularOptionsFail() {
        Config unknown = Config.of(Map.of("DEFAULT", Map.of("bind_host", "$nowhere")));
        Config circular = Config.of(Map.of("DEFAULT", Map.of("bind_host", "$a", "a", "$b", "b", "$a")));

        assertThatThrownBy(() -> unknown.get(HOST)).isInstanceOf(ConfigException.class)
                .hasMessage("Unknown option $nowhere referenced in override");
        assertThatThrownBy(() -> circular.get(HOST)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Circular reference to $a");
    }

    @Test
    void unknownOptionsAreReportedWithSectionNameAndFile() throws IOException {
        Path file = write("neutron.conf", """
                [DEFAULT]
                bind_port = 1
                bind_prot = 2
                sql_connection = sqlite://
                [AGENT]
                report_interval = 3
                polling_interval = 2
                """);
        Config config = Config.load(List.of(file));

        List<UnknownOption> unknown = config.warnUnknown(List.of(PORT, CONNECTION, REPORT_INTERVAL));

        assertThat(unknown).extracting(UnknownOption::group, UnknownOption::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DEFAULT", "bind_prot"),
                        org.assertj.core.groups.Tuple.tuple("AGENT", "polling_interval"));
        assertThat(unknown.get(0).value().location()).isEqualTo(file + ":3");
    }

    @Test
    void malformedFilesAreRejectedWithFileAndLine() throws IOException {
        Path continuation = write("c.conf", "[DEFAULT]\n\n  orphan\n");
        Path bracket = write("b.conf", "[DEFAULT\nx = 1\n");
        Path noSection = write("n.conf", "x = 1\n");
        Path noAssignment = write("a.conf", "[DEFAULT]\njust words\n");

        assertThatThrownBy(() -> Config.load(List.of(continuation)))
                .hasMessage(continuation + ":3: unexpected continuation line: '  orphan'");
        assertThatThrownBy(() -> Config.load(List.of(bracket)))
                .hasMessage(bracket + ":1: invalid section (must end with ]): '[DEFAULT'");
        assertThatThrownBy(() -> Config.load(List.of(noSection))).hasMessageContaining("before any [section]");
        assertThatThrownBy(() -> Config.load(List.of(noAssignment))).hasMessageContaining(":2: no ':' or '='");
        assertThatThrownBy(() -> Config.load(List.of(dir.resolve("missing.conf"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Failed to find config file");
    }

    @Test
    void configDirReadsConfFilesInNameOrderAndFindsFilesBesideThem() throws IOException {
        Path confDir = Files.createDirectory(dir.resolve("neutron.conf.d"));
        Files.writeString(confDir.resolve("20-b.conf"), "[DEFAULT]\nbind_port = 2\n");
        Files.writeString(confDir.resolve("10-a.conf"), "[DEFAULT]\nbind_port = 1\nbind_host = a\n");
        Files.writeString(confDir.resolve("ignored.txt"), "[DEFAULT]\nbind_host = txt\n");
        Files.writeString(confDir.resolve("policy.yaml"), "{}");

        Config config = Config.builder().configDir(confDir).build();

        assertThat(config.get(PORT)).isEqualTo(2);
        assertThat(config.get(HOST)).isEqualTo("a");
        assertThat(config.findFile("policy.yaml")).contains(confDir.resolve("policy.yaml"));
        assertThat(config.findFile("nope.yaml")).isEmpty();
    }

    @Test
    void findFileLooksBesideTheConfigFiles() throws IOException {
        Path file = write("neutron.conf", "[DEFAULT]\n");
        write("policy.yaml", "{}");

        assertThat(Config.load(List.of(file)).findFile("policy.yaml")).contains(dir.resolve("policy.yaml"));
        assertThat(Config.empty().findFile("policy.yaml")).isEmpty();
    }
}
