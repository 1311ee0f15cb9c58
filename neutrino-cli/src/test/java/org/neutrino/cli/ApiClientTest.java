package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiClientTest {
    private final ApiStub stub = new ApiStub();

    ApiClientTest() throws IOException {
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private ApiClient client(Optional<String> project, Optional<String> token) {
        return new ApiClient(ApiConnection.of(stub.endpoint() + "/v2.0/", project, token), new ObjectMapper(),
                Optional.empty());
    }

    @Test
    void getReadsTheDocumentBelowV2AndSendsTheProjectHeader() {
        stub.answer("GET", "/networks", 200, "{\"networks\": [{\"id\": \"n1\"}]}");

        var answer = client(Optional.of("p1"), Optional.empty()).get("/networks");

        assertThat(answer.path("networks").get(0).path("id").asText()).isEqualTo("n1");
        ApiStub.Request request = stub.requests.getFirst();
        assertThat(request.pathAndQuery()).isEqualTo("/v2.0/networks");
        assertThat(request.header("X-Project-Id")).isEqualTo("p1");
        assertThat(request.header("X-Auth-Token")).isNull();
    }

    @Test
    void aTokenIsSentAsXAuthToken() {
        stub.answer("GET", "/ports", 200, "{\"ports\": []}");

        client(Optional.empty(), Optional.of("gAAAA-token")).get("/ports");

        assertThat(stub.requests.getFirst().header("X-Auth-Token")).isEqualTo("gAAAA-token");
        assertThat(stub.requests.getFirst().header("X-Project-Id")).isNull();
    }

    @Test
    void putSendsJson() {
        stub.answer("PUT", "/ports/p", 200, "{\"port\": {\"id\": \"p\"}}");
        ApiClient client = client(Optional.empty(), Optional.empty());
        var body = client.object();
        body.putObject("port").put("binding:host_id", "compute1");

        client.put("/ports/p", body);

        ApiStub.Request request = stub.requests("PUT").getFirst();
        assertThat(request.body()).isEqualTo("{\"port\":{\"binding:host_id\":\"compute1\"}}");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void aNeutronErrorBodyBecomesTheErrorLine() {
        stub.answer("GET", "/ports/x", 404, "{\"NeutronError\": {\"type\": \"PortNotFound\", "
                + "\"message\": \"Port x could not be found.\", \"detail\": \"\"}}");

        assertThatThrownBy(() -> client(Optional.empty(), Optional.empty()).get("/ports/x"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.type()).isEqualTo("PortNotFound");
                    assertThat(e.describe()).isEqualTo("Error (404 PortNotFound): Port x could not be found.");
                });
    }

    @Test
    void aBodyThatIsNotNeutronsIsShownAsIs() {
        stub.answer("GET", "/agents", 501, "Not Implemented");

        assertThatThrownBy(() -> client(Optional.empty(), Optional.empty()).get("/agents"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.describe()).isEqualTo("Error (501): Not Implemented"));
    }

    @Test
    void anEndpointNobodyListensOnIsAClearError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ApiClient client = new ApiClient(ApiConnection.of("http://127.0.0.1:" + port, Optional.empty(),
                Optional.empty()), new ObjectMapper(), Optional.empty());

        assertThatThrownBy(() -> client.get("/networks"))
                .isInstanceOf(CliException.class)
                .hasMessage("cannot connect to http://127.0.0.1:" + port + " (is neutrino-server running?)");
    }

    @Test
    void endpointsMustBeHttp() {
        assertThatThrownBy(() -> ApiConnection.of("ftp://x", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiConnection.of("http://h:9696/", Optional.of(" "), Optional.empty()).projectId()).isEmpty();
    }
}
