package org.neutrino.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The training run of the JDK's ahead-of-time cache ({@code bin/neutrino} makes the cache with it
 * after each build): typical commands against a canned API on a loopback port, so that the
 * cache holds the classes a real command loads, without a server and without side effects: the
 * {@code vif plug/unplug} runs have the root helper {@code true}, so every host command they spawn
 * is {@code true ip ...}, which does nothing and says nothing.
 */
public final class AotTraining {
    private static final String ID = "3c338602-d8a1-4b7e-9f00-1234567890ab";
    /** The network of the port, which a GET finds (a GET of {@link #ID} as a network answers 404). */
    private static final String PORT_NETWORK = "3c338602-d8a1-4b7e-9f00-1234567890ac";
    private static final String PORT = "{\"id\": \"" + ID + "\", \"name\": \"p\", \"network_id\": \"" + PORT_NETWORK
            + "\", \"mac_address\": \"fa:16:3e:00:00:01\", \"status\": \"ACTIVE\", \"admin_state_up\": true,"
            + " \"fixed_ips\": [{\"subnet_id\": \"" + ID + "\", \"ip_address\": \"10.0.0.5\"}], \"tags\": [],"
            + " \"device_owner\": \"compute:nova\", \"binding:host_id\": \"h\"}";
    private static final String NETWORK = "{\"id\": \"" + ID + "\", \"name\": \"n\", \"subnets\": [\"" + ID
            + "\"], \"mtu\": 1450, \"shared\": false, \"status\": \"ACTIVE\", \"tenant_id\": \"p\"}";

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", AotTraining::answer);
        api.start();
        String endpoint = "http://127.0.0.1:" + api.getAddress().getPort();
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        String[][] commands = {
                {"port-list"}, {"port-list", "-f", "json"}, {"port-list", "-f", "value", "-c", "id"},
                {"net-list", "--", "--name", "n"}, {"net-show", "n"}, {"-v", "net-create", "n", "--shared"},
                {"port-create", "n", "--fixed-ip", "subnet_id=n,ip_address=10.0.0.5"}, {"net-update", "n", "--mtu", "1400"},
                {"net-delete", "n"}, {"net-show", ID}, {"port", "list"}, {"network", "list"},
                {"vif", "plug", ID, "--netns", "aot-training-vm", "--host", "h", "--static", "--root-helper", "true"},
                {"vif", "unplug", ID, "--delete-netns", "--netns", "aot-training-vm", "--root-helper", "true"}};
        for (String[] command : commands) {
            String[] line = new String[command.length + 2];
            line[0] = "--os-endpoint";
            line[1] = endpoint;
            System.arraycopy(command, 0, line, 2, command.length);
            NeutrinoCli.run(line, CliEnvironment.system(), sink, sink);
        }
        api.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        int status = 200;
        String body;
        if (method.equals("DELETE")) {
            status = 204;
            body = "";
        } else if (path.endsWith("/ports/" + ID)) {
            body = "{\"port\": " + PORT + "}";
        } else if (path.endsWith("/networks/" + PORT_NETWORK) || path.endsWith("/subnets/" + ID)) {
            body = "{\"network\": " + NETWORK + ", \"subnet\": {\"id\": \"" + ID + "\", \"cidr\": \"10.0.0.0/24\","
                    + " \"gateway_ip\": \"10.0.0.1\"}}";
        } else if (path.endsWith("/ports")) {
            body = method.equals("POST") ? "{\"port\": " + PORT + "}" : "{\"ports\": [" + PORT + ", " + PORT + "]}";
            status = method.equals("POST") ? 201 : 200;
        } else if (path.endsWith("/networks") || path.endsWith("/subnets")) {
            body = method.equals("POST") ? "{\"network\": " + NETWORK + "}"
                    : "{\"networks\": [" + NETWORK + "], \"subnets\": [" + NETWORK + "]}";
            status = method.equals("POST") ? 201 : 200;
        } else if (path.endsWith("/networks/" + ID) && !method.equals("GET")) {
            body = "{\"network\": " + NETWORK + "}";
        } else {
            status = 404;
            body = "{\"NeutronError\": {\"type\": \"NetworkNotFound\", \"message\": \"Network could not be found.\","
                    + " \"detail\": \"\"}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
