package org.neutrino.server.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class KeystoneAuthSettingsTest {

    private static KeystoneAuthSettings withAuthUrl(String url) {
        return KeystoneAuthSettings.of(URI.create(url), "neutron", "secretneutron", "service");
    }

    @Test
    void identityV3IsFoundWithOrWithoutTheVersionSuffix() {
        assertThat(withAuthUrl("http://127.0.0.1:5000").identityV3()).hasToString("http://127.0.0.1:5000/v3");
        assertThat(withAuthUrl("http://127.0.0.1:5000/").identityV3()).hasToString("http://127.0.0.1:5000/v3");
        assertThat(withAuthUrl("http://127.0.0.1:5000/v3/").identityV3()).hasToString("http://127.0.0.1:5000/v3");
        assertThat(withAuthUrl("https://cloud.example/identity/v3").identityV3())
                .hasToString("https://cloud.example/identity/v3");
    }

    @Test
    void wwwAuthenticateFallsBackToAuthUrl() {
        assertThat(withAuthUrl("http://127.0.0.1:5000/v3").wwwAuthenticate())
                .isEqualTo("Keystone uri=\"http://127.0.0.1:5000/v3\"");
    }

    @Test
    void defaultsAreKeystonemiddlewares() {
        KeystoneAuthSettings settings = withAuthUrl("http://127.0.0.1:5000");

        assertThat(settings.tokenCacheTime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.userDomainName()).isEqualTo("Default");
        assertThat(settings.projectDomainName()).isEqualTo("Default");
        assertThat(settings.authType()).isEqualTo("password");
    }

    @Test
    void identityV2IsRefused() {
        assertThatThrownBy(() -> withAuthUrl("http://127.0.0.1:5000/v2.0"))
                .hasMessageContaining("only the Identity v3 API is supported");
    }

    @Test
    void otherAuthTypesAreRefused() {
        KeystoneAuthSettings base = withAuthUrl("http://127.0.0.1:5000");
        assertThatThrownBy(() -> new KeystoneAuthSettings(base.authUrl(), null, "v3applicationcredential",
                "neutron", "x", "service", "Default", "Default", null, List.of(), Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("auth_type v3applicationcredential is not supported");
    }

    @Test
    void missingCredentialsAreRefusedWithTheOptionName() {
        assertThatThrownBy(() -> KeystoneAuthSettings.of(URI.create("http://127.0.0.1:5000"), "neutron", "", "service"))
                .hasMessage("[keystone_authtoken] password is required");
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(withAuthUrl("http://127.0.0.1:5000").toString()).doesNotContain("secretneutron");
    }
}
