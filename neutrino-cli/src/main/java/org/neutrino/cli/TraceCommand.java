package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neutrino trace port PORT}: where a port's connectivity stops. The server
 * ({@code GET /v2.0/ports/{id}/trace}, admin only) compares the model with what the agents of
 * the port's host and of its network's DHCP hosts see in their kernels; this prints the hops in
 * path order with their verdicts, and exits {@link ExitStatus#BROKEN} when one is broken.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Where connectivity stops: every hop of a path, as the model expects it and as the hosts see it.")
public final class TraceCommand {
    private static final List<String> COLUMNS = List.of("#", "Kind", "Name", "Host", "Expected", "Observed", "Verdict");
    private static final List<String> PROBE_COLUMNS = List.of("#", "Kind", "Name", "Host", "Counter", "Packets", "Probe");
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    public TraceCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Command(name = "port", mixinStandardHelpOptions = true,
            description = "Trace a port (GET /v2.0/ports/ID/trace): tap, bridge, VXLAN and its FDB, security-group chains, DHCP.")
    int port(@Parameters(paramLabel = "PORT", description = "The port's name or id.") String port,
             @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
                     description = "table (default), json or value (kind, name, verdict per hop).") String format,
             @Option(names = "--probe", description = "Also ping the port's address from the namespace of a router on its "
                     + "network and report, from the agents' packet counters, the last hop the echo requests reached.")
             boolean probe) {
        Output.Format chosen = Output.format(format);
        ApiClient api = NeutrinoCli.api(environment, spec);
        String id = new NameResolver(api).id(ResourceType.PORT, port);
        JsonNode trace = api.get("/ports/" + NeutrinoCli.segment(id) + "/trace" + (probe ? "?probe=true" : "")).path("trace");
        print(trace, chosen, spec.commandLine().getOut(), api);
        return status(trace, probe);
    }

    @Command(name = "floatingip", mixinStandardHelpOptions = true,
            description = "Trace a floating IP (GET /v2.0/floatingips/ID/trace): the router's namespace, qg-/qr- devices, "
                    + "DNAT/SNAT rules with their counters, then the associated port's hops.")
    int floatingip(@Parameters(paramLabel = "ADDRESS", description = "The floating IP address (or the floating IP's id).") String address,
                   @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
                           description = "table (default), json or value (kind, name, verdict per hop).") String format,
                   @Option(names = "--probe", description = "Also ping the floating address from the router's namespace and "
                           + "report, from the agents' packet counters, the last hop the echo requests reached.") boolean probe) {
        Output.Format chosen = Output.format(format);
        ApiClient api = NeutrinoCli.api(environment, spec);
        String id = address;
        if (!address.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            JsonNode found = api.get("/floatingips?fields=id&floating_ip_address=" + NeutrinoCli.segment(address)).path("floatingips");
            if (found.size() != 1) {
                throw new NameException("Unable to find floatingip with address '" + address + "'");
            }
            id = found.get(0).path("id").asText();
        }
        JsonNode trace = api.get("/floatingips/" + NeutrinoCli.segment(id) + "/trace" + (probe ? "?probe=true" : "")).path("trace");
        print(trace, chosen, spec.commandLine().getOut(), api);
        return status(trace, probe);
    }

    /** {@link ExitStatus#BROKEN} when a hop is broken or a probe asked for lost echo requests (or was not sent). */
    private static int status(JsonNode trace, boolean probe) {
        JsonNode probed = trace.path("probe");
        boolean lost = probed.has("error") || probed.path("received").asInt() < probed.path("sent").asInt();
        return trace.path("broken").asBoolean() || (probe && lost) ? ExitStatus.BROKEN : ExitStatus.OK;
    }

    static void print(JsonNode trace, Output.Format format, PrintWriter out, ApiClient api) {
        switch (format) {
            case JSON -> new Output(Output.Format.JSON, List.of(), out, api.json()).show(trace, null);
            case VALUE -> {
                trace.path("hops").forEach(h -> out.println(h.path("kind").asText() + " " + h.path("name").asText()
                        + " " + h.path("verdict").asText()));
                if (trace.has("probe")) {
                    out.println("probe " + trace.path("probe").path("last_seen").asText("(nowhere)"));
                }
            }
            case TABLE -> {
                List<List<String>> rows = new ArrayList<>();
                int n = 1;
                int broken = 0;
                for (JsonNode hop : trace.path("hops")) {
                    String verdict = hop.path("verdict").asText();
                    boolean bad = !verdict.equals("ok") && !verdict.equals("unfiltered");
                    broken += bad ? 1 : 0;
                    rows.add(List.of(String.valueOf(n++), hop.path("kind").asText(), hop.path("name").asText(),
                            hop.path("host").asText(), hop.path("expected").asText(), hop.path("observed").asText(),
                            bad ? verdict.toUpperCase(java.util.Locale.ROOT) : verdict));
                }
                out.println((trace.has("floatingip_id") ? "Trace of floating IP " + trace.path("floatingip_id").asText() + ", port "
                        : "Trace of port ") + trace.path("port_id").asText()
                        + (trace.path("host").isTextual() ? " on host " + trace.path("host").asText() : " (not bound to a host)"));
                out.print(new Table(COLUMNS, rows).render());
                out.println(broken == 0 ? "Every hop is as the model says." : broken + " broken hop(s); the first: "
                        + firstBroken(trace));
                if (trace.has("probe")) {
                    printProbe(trace.path("probe"), out);
                }
            }
        }
        out.flush();
    }

    /** The probe's points (packets counted during the ping at each) and where the echo requests stopped. */
    private static void printProbe(JsonNode probe, PrintWriter out) {
        if (probe.has("error")) {
            out.println("Probe: not sent: " + probe.path("error").asText());
            return;
        }
        out.println("Probe: " + probe.path("sent").asInt() + " echo request(s) from " + probe.path("from").asText() + " on "
                + probe.path("host").asText() + " to " + probe.path("to").asText() + ", " + probe.path("received").asInt()
                + " answered");
        List<List<String>> rows = new ArrayList<>();
        int n = 1;
        for (JsonNode point : probe.path("points")) {
            long packets = point.path("packets").asLong();
            rows.add(List.of(String.valueOf(n++), point.path("kind").asText(), point.path("name").asText(), point.path("host").asText(),
                    point.path("counter").asText(), packets < 0 ? "(absent)" : String.valueOf(packets),
                    point.path("seen").asBoolean() ? "seen" : "NOT SEEN"));
        }
        out.print(new Table(PROBE_COLUMNS, rows).render());
        out.println(probe.path("stopped_at").isNull() ? "The probe went all the way: last seen at "
                + probe.path("last_seen").asText() + "."
                : "The probe stopped at " + probe.path("stopped_at").asText() + "; last seen at "
                + probe.path("last_seen").asText("(nowhere: not even the first point)") + ".");
    }

    private static String firstBroken(JsonNode trace) {
        for (JsonNode hop : trace.path("hops")) {
            String verdict = hop.path("verdict").asText();
            if (!verdict.equals("ok") && !verdict.equals("unfiltered")) {
                return hop.path("kind").asText() + " " + hop.path("name").asText() + " (" + verdict + ": "
                        + hop.path("observed").asText() + ")";
            }
        }
        return "";
    }
}
