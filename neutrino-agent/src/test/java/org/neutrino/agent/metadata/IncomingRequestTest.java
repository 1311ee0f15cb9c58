package org.neutrino.agent.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the metadata agent reads the requests its proxies forward, and which it refuses with what status. */
class IncomingRequestTest {

    private static Optional<IncomingRequest> read(String raw) throws Exception {
        return IncomingRequest.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static void refused(String raw, int status) {
        assertThatThrownBy(() -> read(raw)).as("%s", raw).isInstanceOfSatisfying(MalformedRequestException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }

    @Test
    void readsTheRequestLineHeadersAndAContentLengthBody() throws Exception {
        IncomingRequest request = read("POST /openstack/2013-04-04/password HTTP/1.1\r\n"
                + "Host: 169.254.169.254\r\nX-Forwarded-For: 10.0.0.9\r\nx-forwarded-for: 172.16.1.5\r\n"
                + "X-Neutron-Router-ID: 5d1e\r\nContent-Length: 5\r\n\r\nhelloNEXT").orElseThrow();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/openstack/2013-04-04/password");
        assertThat(request.header("X-Forwarded-For")).as("the last field wins").contains("172.16.1.5");
        assertThat(request.headerValues("x-FORWARDED-for")).containsExactly("10.0.0.9", "172.16.1.5");
        assertThat(request.header("x-neutron-router-id")).contains("5d1e");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void acceptsBareLineFeedsAndAQueryAndNoBody() throws Exception {
        IncomingRequest request = read("GET /latest/meta-data/?x=1 HTTP/1.0\nHost: a\n\n").orElseThrow();
        assertThat(request.target()).isEqualTo("/latest/meta-data/?x=1");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void anEmptyStreamIsNoRequest() throws Exception {
        assertThat(read("")).isEmpty();
    }

    @Test
    void aStreamEndingInsideTheRequestIsAnIoError() {
        assertThatThrownBy(() -> read("GET / HTTP/1.1\r\nHost: a\r\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")).isInstanceOf(IOException.class);
    }

    @Test
    void malformedRequestsAreRefusedWithTheirStatus() {
        refused("GET /\r\n\r\n", 400);
        refused("GET / HTTP/2.0\r\n\r\n", 400);
        refused("get / HTTP/1.1\r\n\r\n", 400);
        refused("GET http://169.254.169.254/ HTTP/1.1\r\n\r\n", 400);
        refused("GET /a b HTTP/1.1\r\n\r\n", 400);
        refused("GET / HTTP/1.1\r\nNo colon here\r\n\r\n", 400);
        refused("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400);
        refused("GET / HTTP/1.1\r\n: empty name\r\n\r\n", 400);
        refused("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", 400);
        refused("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n", 400);
        refused("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400);
        refused("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 400);
        refused("POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n", 400);
        refused("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n", 413);
        refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501);
        refused("GET / HTTP/1.1\r\nX: " + "a".repeat(IncomingRequest.MAX_HEAD_BYTES) + "\r\n\r\n", 431);
    }
}
