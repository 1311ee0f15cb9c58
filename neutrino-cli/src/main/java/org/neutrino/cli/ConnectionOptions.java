package org.neutrino.cli;

import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options that say how to reach the API, named as the {@code openstack} CLI names them.
 * Mixed into the root command and inherited by every subcommand, so that they may be given
 * before or after the subcommand ({@code neutrino --os-endpoint URL port list} or
 * {@code neutrino port list --os-endpoint URL}).
 */
public final class ConnectionOptions {
    /** Where the API listens when neither {@code --os-endpoint} nor {@code OS_ENDPOINT} says. */
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9696";

    @Option(names = "--os-endpoint", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "${env:OS_ENDPOINT:-" + DEFAULT_ENDPOINT + "}",
            description = "The Networking API endpoint (env OS_ENDPOINT; default ${DEFAULT-VALUE}).")
    String endpoint;

    @Option(names = "--os-project-id", scope = ScopeType.INHERIT, paramLabel = "ID", defaultValue = "${env:OS_PROJECT_ID}",
            description = "The project to act as on a noauth server (X-Project-Id header; env OS_PROJECT_ID). "
                    + "Without it a noauth server treats the caller as admin.")
    String projectId;

    @Option(names = "--os-token", scope = ScopeType.INHERIT, paramLabel = "TOKEN", defaultValue = "${env:OS_TOKEN}",
            description = "A Keystone token, sent as X-Auth-Token (env OS_TOKEN).")
    String token;

    /** The connection these options describe. */
    public ApiConnection connection() {
        try {
            return ApiConnection.of(endpoint, Optional.ofNullable(projectId), Optional.ofNullable(token));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
