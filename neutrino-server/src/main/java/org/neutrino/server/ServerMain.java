package org.neutrino.server;

import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigArguments;
import org.neutrino.lib.config.ConfigException;

/**
 * {@code neutrino-server --config-file FILE [--config-file FILE ...] [--config-dir DIR]}: later
 * files override earlier ones, as {@code neutron-server}.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = ConfigArguments.parse(args, NeutrinoServer.options());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("neutrino-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        config.warnUnknown(NeutrinoServer.options());
        NeutrinoServer server = new NeutrinoServer(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("neutrino-server: error on shutdown: " + e);
            }
        }, "shutdown"));
        Thread.currentThread().join();
    }
}
