package org.neutrino.server.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;

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
                .hasMessageContaining("[keystone_authtoken] auth_type v3applicationcredential is not supported");
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

    @Test
    void neutronConfSectionIsRead() {
        Config config = Config.of(Map.of("keystone_authtoken", Map.of(
                "www_authenticate_uri", "http://public.example:5000",
                "auth_url", "http://controller:5000",
                "memcached_servers", "controller:11211",
                "auth_type", "password",
                "project_domain_name", "Ops",
                "user_domain_name", "Services",
                "project_name", "service",
                "username", "neutron",
                "password", "NEUTRON_PASS",
                "token_cache_time", "60")));

        KeystoneAuthSettings settings = KeystoneAuthSettings.from(config);

        assertThat(settings.identityV3()).hasToString("http://controller:5000/v3");
        assertThat(settings.wwwAuthenticate()).isEqualTo("Keystone uri=\"http://public.example:5000\"");
        assertThat(settings.memcachedServers()).containsExactly("controller:11211");
        assertThat(settings.userDomainName()).isEqualTo("Services");
        assertThat(settings.projectDomainName()).isEqualTo("Ops");
        assertThat(settings.username()).isEqualTo("neutron");
        assertThat(settings.password()).isEqualTo("NEUTRON_PASS");
        assertThat(settings.tokenCacheTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.httpConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void deprecatedAuthUriIsReadAsWwwAuthenticateUri() {
        Config config = Config.of(Map.of("keystone_authtoken", Map.of(
                "auth_uri", "http://old.example:5000", "auth_url", "http://controller:5000",
                "project_name", "service", "username", "neutron", "password", "x")));

        assertThat(KeystoneAuthSettings.from(config).wwwAuthenticate()).isEqualTo("Keystone uri=\"http://old.example:5000\"");
    }

    @Test
    void tokenCacheTimeMinusOneTurnsTheCacheOff() {
        Config config = Config.of(Map.of("keystone_authtoken", Map.of(
                "auth_url", "http://controller:5000", "project_name", "service", "username", "neutron",
                "password", "x", "token_cache_time", "-1")));

        assertThat(KeystoneAuthSettings.from(config).tokenCacheTime()).isZero();
    }

    @Test
    void missingAuthUrlIsAConfigError() {
        Config config = Config.of(Map.of("keystone_authtoken", Map.of(
                "project_name", "service", "username", "neutron", "password", "x")));

        assertThatThrownBy(() -> KeystoneAuthSettings.from(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[keystone_authtoken] auth_url is required");
    }

    @Test
    void missingUsernameIsAConfigError() {
        Config config = Config.of(Map.of("keystone_authtoken", Map.of("auth_url", "http://controller:5000")));

        assertThatThrownBy(() -> KeystoneAuthSettings.from(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[keystone_authtoken] username is required");
    }
}
