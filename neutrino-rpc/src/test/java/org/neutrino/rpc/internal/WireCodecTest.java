package org.neutrino.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.Message;

class WireCodecTest {
    private final WireCodec codec = new WireCodec();
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode inner(byte[] body) throws Exception {
        JsonNode outer = mapper.readTree(body);
        assertThat(outer.get("oslo.version").asText()).isEqualTo("2.0");
        return mapper.readTree(outer.get("oslo.message").asText());
    }

    @Test
    void callIsAnOsloEnvelopeWithMethodArgsMsgIdAndReplyQueue() throws Exception {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("device", "tap3f2a9c1e-7b");

        JsonNode inner = inner(codec.encode(new Request(new Message("get_device_details", args), "m1", "reply_q1")));

        assertThat(inner.get("method").asText()).isEqualTo("get_device_details");
        assertThat(inner.get("args")).isEqualTo(args);
        assertThat(inner.get("_msg_id").asText()).isEqualTo("m1");
        assertThat(inner.get("_reply_q").asText()).isEqualTo("reply_q1");
        assertThat(inner.get("_unique_id").asText()).hasSize(32);
    }

    @Test
    void castHasNoMsgIdNorReplyQueueAndRoundTrips() throws Exception {
        byte[] body = codec.encode(Request.cast(Message.of("port_update")));

        assertThat(inner(body).has("_msg_id")).isFalse();
        Request decoded = codec.decodeRequest(body);
        assertThat(decoded.isCall()).isFalse();
        assertThat(decoded.message()).isEqualTo(Message.of("port_update"));
    }

    @Test
    void failureReplyCarriesOsloFailureText() throws Exception {
        RemoteFailure failure = RemoteFailure.of(NeutronException.notFound("PortNotFound", "Port p1 could not be found."));
        byte[] body = codec.encode(Reply.failure("m2", failure));

        JsonNode inner = inner(body);
        assertThat(inner.get("ending").asBoolean()).isTrue();
        assertThat(inner.get("result").isNull()).isTrue();
        JsonNode failureJson = mapper.readTree(inner.get("failure").asText());
        assertThat(failureJson.get("class").asText()).isEqualTo("PortNotFound");
        assertThat(failureJson.get("module").asText()).isEqualTo("neutron_lib.exceptions");
        assertThat(failureJson.get("message").asText()).isEqualTo("Port p1 could not be found.");
        assertThat(codec.decodeReply(body)).isEqualTo(Reply.failure("m2", failure));
    }

    @Test
    void successReplyRoundTrips() {
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("admin_state_up", true);

        assertThat(codec.decodeReply(codec.encode(Reply.success("m3", result)))).isEqualTo(Reply.success("m3", result));
    }

    @Test
    void acceptsAMessageWithoutEnvelope() {
        byte[] body = "{\"method\": \"report_state\", \"args\": {\"agent_state\": {}}}".getBytes(StandardCharsets.UTF_8);

        assertThat(codec.decodeRequest(body).message().method()).isEqualTo("report_state");
    }

    @Test
    void rejectsWhatIsNotAMessage() {
        assertThatThrownBy(() -> codec.decodeRequest("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> codec.decodeRequest("{\"args\": {}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("method");
        assertThatThrownBy(() -> codec.decodeRequest(
                "{\"oslo.version\": \"3.0\", \"oslo.message\": \"{}\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> codec.decodeReply("{\"result\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class);
    }
}
