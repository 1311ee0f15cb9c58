package org.neutrino.agent.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConntrackZonesTest {
    private final ConntrackZones zones = new ConntrackZones();

    @Test
    void eachBridgeGetsTheLowestFreeZoneAndKeepsIt() {
        assertThat(zones.assign(List.of("brqb", "brqa")).zones()).isEqualTo(Map.of("brqa", 1, "brqb", 2));
        assertThat(zones.assign(List.of("brqa", "brqb", "brqc")).zones())
                .as("a new bridge moves nobody").isEqualTo(Map.of("brqa", 1, "brqb", 2, "brqc", 3));
    }

    @Test
    void aFreedZoneIsGivenToNobodyUntilItsConnectionsAreDeleted() {
        zones.assign(List.of("brqa", "brqb"));
        ConntrackZones.Assignment aGone = zones.assign(List.of("brqb", "brqc"));
        assertThat(aGone.freed()).containsExactly(1);
        assertThat(aGone.zones()).isEqualTo(Map.of("brqb", 2, "brqc", 3));
        assertThat(zones.assign(List.of("brqb", "brqc", "brqd")).zones()).containsEntry("brqd", 4);
        zones.drained(1);
        ConntrackZones.Assignment after = zones.assign(List.of("brqb", "brqc", "brqd", "brqe"));
        assertThat(after.zones()).containsEntry("brqe", 1);
        assertThat(after.freed()).isEmpty();
    }

    @Test
    void zonesAreRecoveredFromTheRawTableOfAPreviousRun() {
        zones.assign(List.of("brqstale"));
        zones.recover("""
                *raw
                :PREROUTING ACCEPT [0:0]
                :neutrino-PREROUTING - [0:0]
                -A neutrino-PREROUTING -m physdev --physdev-in tap7a1b2c3d-4e -j CT --notrack
                -A neutrino-PREROUTING -i brqa -j CT --zone 7
                -A neutrino-PREROUTING -i brqb -j CT --zone 3
                -A other-PREROUTING -i brqc -j CT --zone 4
                -A neutrino-PREROUTING -i brqd -j CT --zone 70000
                -A PREROUTING -j neutrino-PREROUTING
                COMMIT
                """, "neutrino-PREROUTING");
        ConntrackZones.Assignment assignment = zones.assign(List.of("brqa", "brqb", "brqc"));
        assertThat(assignment.zones()).as("another owner's chain and an impossible zone are not ours")
                .isEqualTo(Map.of("brqa", 7, "brqb", 3, "brqc", 1));
        assertThat(assignment.freed()).as("what this object knew before is replaced").isEmpty();
    }

    @Test
    void whenEveryZoneIsTakenTheBridgeIsReportedNotZoned() {
        ConntrackZones two = new ConntrackZones(2);
        ConntrackZones.Assignment full = two.assign(List.of("brqa", "brqb", "brqc"));
        assertThat(full.zones()).isEqualTo(Map.of("brqa", 1, "brqb", 2));
        assertThat(full.exhausted()).containsExactly("brqc");
        two.assign(List.of("brqb", "brqc"));
        two.drained(1);
        ConntrackZones.Assignment freedUp = two.assign(List.of("brqb", "brqc"));
        assertThat(freedUp.zones()).isEqualTo(Map.of("brqb", 2, "brqc", 1));
        assertThat(freedUp.exhausted()).isEmpty();
    }
}
