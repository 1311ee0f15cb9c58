package org.neutrino.agent.metadata;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.rpc.agent.MetadataLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the metadata agent does with one request a proxy forwarded, as Neutron's
 * {@code MetadataProxyHandler}: the instance's address from the last {@code X-Forwarded-For}
 * value (the one the proxy appended; an IPv4-mapped IPv6 address counts as the IPv4 address), the
 * router from {@code X-Neutron-Router-ID} or the network from {@code X-Neutron-Network-ID}
 * (exactly one), the port holding that address asked of the server, and the request forwarded to
 * Nova for that port's instance.
 *
 * <p>Answers: 400 for a request whose target is not a URI path, without a valid address or with
 * neither or both ids, 404 when no
 * port holds the address there, 405 for methods other than {@code GET}, {@code HEAD} and
 * {@code POST}, 503 when the server cannot be asked, 502/504 when Nova cannot be reached or is
 * too slow; otherwise Nova's own answer.
 */
final class MetadataProxyHandler {
    static final String ROUTER_ID = "X-Neutron-Router-ID";
    static final String NETWORK_ID = "X-Neutron-Network-ID";
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Logger LOG = LoggerFactory.getLogger(MetadataProxyHandler.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final InstanceLookup lookup;
    private final NovaMetadataClient nova;

    MetadataProxyHandler(InstanceLookup lookup, NovaMetadataClient nova) {
        this.lookup = lookup;
        this.nova = nova;
    }

    HttpAnswer handle(IncomingRequest request) throws InterruptedException {
        if (!METHODS.contains(request.method())) {
            return HttpAnswer.text(405, "The method " + request.method() + " is not allowed.");
        }
        if (!isUriPath(request.target())) {
            return HttpAnswer.text(400, "The request target is not a valid path.");
        }
        Optional<IpAddress> address = request.header(FORWARDED_FOR).map(MetadataProxyHandler::lastHop)
                .flatMap(IpAddress::tryParse).map(MetadataProxyHandler::unmapped);
        if (address.isEmpty()) {
            return HttpAnswer.text(400, "The request has no valid " + FORWARDED_FOR + " address.");
        }
        Optional<String> router = request.header(ROUTER_ID);
        Optional<String> network = request.header(NETWORK_ID);
        if (router.isPresent() == network.isPresent()
                || !ID.matcher(router.or(() -> network).orElseThrow()).matches()) {
            return HttpAnswer.text(400, "The request needs exactly one valid " + ROUTER_ID + " or " + NETWORK_ID + ".");
        }
        String ip = address.get().toString();
        MetadataLookup question = router.map(r -> MetadataLookup.viaRouter(r, ip))
                .orElseGet(() -> MetadataLookup.onNetwork(network.orElseThrow(), ip));
        Optional<MetadataLookup.Instance> instance;
        try {
            instance = lookup.find(question);
        } catch (RuntimeException e) {
            LOG.warn("cannot ask the server who holds {}: {}", question, e.toString());
            return HttpAnswer.text(503, "The networking service cannot be asked who the instance is; try again.");
        }
        if (instance.isEmpty() || instance.get().deviceId() == null || instance.get().deviceId().isBlank()) {
            LOG.info("no instance holds {} ({}): 404", ip,
                    router.map(r -> "router " + r).orElseGet(() -> "network " + network.orElseThrow()));
            return HttpAnswer.text(404, "No instance has the address " + ip + " here.");
        }
        try {
            HttpAnswer answer = nova.forward(request, ip, instance.get());
            LOG.debug("{} for instance {} ({}): {}", request.target(), instance.get().deviceId(), ip, answer.status());
            return answer;
        } catch (HttpTimeoutException e) {
            LOG.warn("Nova's metadata API did not answer {} in time: {}", request.target(), e.toString());
            return HttpAnswer.text(504, "The metadata service did not answer in time.");
        } catch (IOException e) {
            LOG.warn("Nova's metadata API cannot be reached for {}: {}", request.target(), e.toString());
            return HttpAnswer.text(502, "The metadata service cannot be reached.");
        }
    }

    private static boolean isUriPath(String target) {
        try {
            URI.create(target);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The last element of a comma-separated {@code X-Forwarded-For}: the address the proxy itself saw. */
    private static String lastHop(String forwardedFor) {
        List<String> hops = List.of(forwardedFor.split(","));
        return hops.isEmpty() ? "" : hops.getLast().strip();
    }

    /** {@code ::ffff:a.b.c.d} as {@code a.b.c.d}: haproxy listening on both families reports IPv4 clients so. */
    private static IpAddress unmapped(IpAddress address) {
        if (address.version() == 6 && address.value().shiftRight(32).equals(java.math.BigInteger.valueOf(0xffff))) {
            return new IpAddress(4, address.value().and(java.math.BigInteger.valueOf(0xffffffffL)));
        }
        return address;
    }
}
