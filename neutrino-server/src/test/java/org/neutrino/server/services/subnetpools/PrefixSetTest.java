package org.neutrino.server.services.subnetpools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.net.Cidr;

/** Address-set arithmetic, against results netaddr's IPSet gives. */
class PrefixSetTest {

    private static PrefixSet v4(String... cidrs) {
        return PrefixSet.parse(4, List.of(cidrs));
    }

    @Test
    void compactsOverlappingAndAdjacentPrefixes() {
        assertThat(v4("10.0.1.0/24", "10.0.0.0/24", "10.0.0.0/25", "10.0.2.0/24").texts())
                .containsExactly("10.0.0.0/23", "10.0.2.0/24");
        assertThat(v4("10.0.0.5/32", "10.0.0.6/31", "10.0.0.8/29").texts())
                .containsExactly("10.0.0.5/32", "10.0.0.6/31", "10.0.0.8/29");
        assertThat(v4("0.0.0.0/0").texts()).containsExactly("0.0.0.0/0");
        assertThat(PrefixSet.parse(6, List.of("2001:db8::/33", "2001:db8:8000::/33")).texts()).containsExactly("2001:db8::/32");
    }

    @Test
    void differenceSubsetAndIntersection() {
        PrefixSet pool = v4("10.0.0.0/22");
        PrefixSet free = pool.minus(v4("10.0.1.0/24", "10.0.2.64/26"));
        assertThat(free.texts()).containsExactly("10.0.0.0/24", "10.0.2.0/26", "10.0.2.128/25", "10.0.3.0/24");
        assertThat(pool.containsAll(v4("10.0.3.0/24"))).isTrue();
        assertThat(pool.containsAll(v4("10.0.0.0/21"))).isFalse();
        assertThat(pool.intersects(v4("10.0.3.128/25", "192.0.2.0/24"))).isTrue();
        assertThat(pool.intersects(v4("10.0.4.0/24"))).isFalse();
        assertThat(pool.minus(pool).isEmpty()).isTrue();
    }

    @Test
    void firstFitTakesTheSmallestFreeBlockThatHoldsThePrefix() {
        PrefixSet free = v4("10.0.0.0/22").minus(v4("10.0.1.0/24", "10.0.2.64/26"));
        assertThat(free.firstFit(26)).contains(Cidr.parse("10.0.2.0/26"));
        assertThat(free.firstFit(25)).contains(Cidr.parse("10.0.2.128/25"));
        assertThat(free.firstFit(24)).contains(Cidr.parse("10.0.0.0/24"));
        assertThat(free.firstFit(23)).isEmpty();
    }

    @Test
    void quotaUnits() {
        assertThat(PrefixSet.units(List.of(Cidr.parse("10.0.0.0/24"), Cidr.parse("10.0.1.0/30")), 32).intValue()).isEqualTo(260);
        assertThat(PrefixSet.unitsOf(56, 64).intValue()).isEqualTo(256);
    }
}
