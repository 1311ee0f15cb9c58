package org.neutrino.lib.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MACs, addresses and CIDRs accept ASCII digits only: {@link Character#isDigit},
 * {@link Character#digit} and {@link Integer#parseInt} take Arabic-Indic ({@code \u0661}) or
 * fullwidth ({@code \uff12}) digits for ASCII ones, and such text would reach the kernel as sent.
 */
class StrictParsingTest {

    @ParameterizedTest
    @ValueSource(strings = {"fa:16:3e:\u0661\u0661:22:33", "fa163e\u0661\u06612233", "fa16.3e\u0661\u0661.2233",
        "fa:16:3e:\uff21\uff21:22:33", "fa:16:3e:11-22:33", "fa:16:3e:11:22", "fa:16:3e:11:22:33:44", " fa:16:3e:11:22:33",
        "fa:16:3e:1:22:33", "fa.16.3e.11.22.33"})
    void macAddressesInOtherFormsOrWithNonAsciiDigitsAreRefused(String text) {
        assertThat(MacAddress.normalize(text)).isEmpty();
    }

    @Test
    void macAddressesAreNormalised() {
        assertThat(MacAddress.normalize("FA-16-3E-0A-0B-0C")).contains("fa:16:3e:0a:0b:0c");
        assertThat(MacAddress.normalize("fa16.3e0a.0b0c")).contains("fa:16:3e:0a:0b:0c");
        assertThat(MacAddress.normalize("FA163E0A0B0C")).contains("fa:16:3e:0a:0b:0c");
        assertThat(MacAddress.eui64("fa:16:3e:12:34:56")).isEqualTo(0xf8163efffe123456L);
        assertThat(MacAddress.isUnicast("01:00:5e:00:00:01")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.\u0661", "10.0.0.\uff12", "\u0661::1", "2001:db8::\u0661", "fe80::\uff21", "2001:db8::1%eth0",
        "010.0.0.1", "10.0.0.01", "10.0.0.256", "10.0.0", "1.2.3.4.5", "", "::g"})
    void addressesWithNonAsciiDigitsOrLeadingZerosAreRefused(String text) {
        assertThat(IpAddress.tryParse(text)).isEmpty();
    }

    @Test
    void addressesAreCanonical() {
        assertThat(IpAddress.parse("2001:DB8:0:0::0:A")).hasToString("2001:db8::a");
        assertThat(IpAddress.parse("10.0.0.0")).hasToString("10.0.0.0");
        assertThat(IpAddress.parse("::ffff:10.0.0.1").version()).isEqualTo(6);
        assertThat(IpAddress.withoutLeadingZeros("010.000.0.01")).map(IpAddress::toString).contains("10.0.0.1");
        assertThat(IpAddress.withoutLeadingZeros("10.0.0.\u0661")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.9.0.0/\uff12\uff14", "10.9.0.0/\u0662\u0664", "2001:db8::/\u0666\u0664", "10.9.0.0/",
        "10.9.0.0/33", "10.9.0.0/24/1", "10.9.0.0", "010.9.0.0/24"})
    void cidrsWithNonAsciiDigitsAreRefused(String text) {
        assertThat(Cidr.tryParse(text)).isEmpty();
    }

    @Test
    void cidrsAreCanonical() {
        assertThat(Cidr.parse("2001:DB8:0::/64")).hasToString("2001:db8::/64");
        assertThat(Cidr.parse("10.9.0.0/24").prefixLen()).isEqualTo(24);
    }
}
