package org.neutrino.rpc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * oslo.messaging's {@code [DEFAULT] transport_url}, parsed:
 * {@code transport://user:pass@host:port[,user:pass@host:port]/virtual_host?option=value}.
 * User, password and virtual host are percent-decoded. An empty virtual host stays empty
 * (RabbitMQ's default {@code /}; write {@code %2F} to name it).
 *
 * @param transport   the scheme, e.g. {@code rabbit} or {@code in-process}
 * @param hosts       the brokers, in order of preference; empty for {@code in-process:}
 * @param virtualHost the percent-decoded path, without its leading slash; may be empty
 * @param options     the query parameters, in order
 */
public record TransportUrl(String transport, List<Host> hosts, String virtualHost, Map<String, String> options) {

    /**
     * One broker of a transport URL.
     *
     * @param username the user name, or null when the URL has none
     * @param password the password, or null when the URL has none
     * @param hostname the host name or IP address (IPv6 without brackets)
     * @param port     the port, or -1 when the URL has none (the transport's default applies)
     */
    public record Host(String username, String password, String hostname, int port) {
        public Host {
            Objects.requireNonNull(hostname, "hostname");
            if (hostname.isEmpty()) {
                throw new IllegalArgumentException("host name must not be empty");
            }
            if (port != -1 && (port < 1 || port > 65535)) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /** The port, or {@code defaultPort} when the URL has none. */
        public int portOr(int defaultPort) {
            return port == -1 ? defaultPort : port;
        }

        @Override
        public String toString() {
            String hostPart = hostname.contains(":") ? "[" + hostname + "]" : hostname;
            return (username == null ? "" : username + ":***@") + hostPart + (port == -1 ? "" : ":" + port);
        }
    }

    public TransportUrl {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(virtualHost, "virtualHost");
        hosts = List.copyOf(hosts);
        options = Map.copyOf(options);
    }

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException when {@code url} is not a transport URL, with the reason
     */
    public static TransportUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        int colon = url.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("transport_url has no scheme: " + redacted(url));
        }
        String transport = url.substring(0, colon);
        String rest = url.substring(colon + 1);
        if (!rest.startsWith("//")) {
            if (!rest.isEmpty()) {
                throw new IllegalArgumentException("transport_url must be scheme:// or scheme: alone: " + redacted(url));
            }
            return new TransportUrl(transport, List.of(), "", Map.of());
        }
        rest = rest.substring(2);
        Map<String, String> options = new LinkedHashMap<>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    options.put(decode(eq < 0 ? pair : pair.substring(0, eq)),
                            eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String virtualHost = slash < 0 ? "" : decode(rest.substring(slash + 1));
        List<Host> hosts = new ArrayList<>();
        if (!authority.isEmpty()) {
            for (String hostSpec : authority.split(",")) {
                hosts.add(parseHost(hostSpec, url));
            }
        }
        return new TransportUrl(transport, hosts, virtualHost, options);
    }

    private static Host parseHost(String spec, String url) {
        String username = null;
        String password = null;
        int at = spec.lastIndexOf('@');
        String hostPort = spec;
        if (at >= 0) {
            String userInfo = spec.substring(0, at);
            hostPort = spec.substring(at + 1);
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String hostname;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in transport_url host: " + redacted(url));
            }
            hostname = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("unexpected text after ] in transport_url: " + redacted(url));
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            hostname = colon < 0 ? hostPort : hostPort.substring(0, colon);
            portText = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        int port = -1;
        if (portText != null && !portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port is not a number in transport_url: " + redacted(url));
            }
        }
        if (hostname.isEmpty()) {
            throw new IllegalArgumentException("empty host name in transport_url: " + redacted(url));
        }
        return new Host(username, password, hostname, port);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code url} with passwords replaced by {@code ***}, for messages and logs. */
    public static String redacted(String url) {
        return url.replaceAll("(://|,)([^:@/,]*):[^@/,]*@", "$1$2:***@");
    }
}
