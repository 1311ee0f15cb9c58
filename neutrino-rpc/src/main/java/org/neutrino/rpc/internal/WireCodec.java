package org.neutrino.rpc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.UUID;
import org.neutrino.rpc.Message;

/**
 * Bytes on the bus, in oslo.messaging's envelope 2.0: the body is
 * {@code {"oslo.version": "2.0", "oslo.message": "<JSON text>"}} where the inner text is
 * {@code {"method", "args", "_msg_id", "_reply_q", "_unique_id"}} for a request and
 * {@code {"result", "failure", "ending", "_msg_id", "_unique_id"}} for a reply; a failure is
 * itself JSON text {@code {"class", "module", "message", "tb", "args", "kwargs"}}.
 * Thread-safe.
 */
public final class WireCodec {
    static final String VERSION_KEY = "oslo.version";
    static final String MESSAGE_KEY = "oslo.message";
    static final String ENVELOPE_VERSION = "2.0";

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /** Serializes a request. */
    public byte[] encode(Request request) {
        ObjectNode inner = nodes.objectNode();
        inner.put("method", request.message().method());
        inner.set("args", request.message().args());
        if (request.isCall()) {
            inner.put("_msg_id", request.msgId());
            inner.put("_reply_q", request.replyQueue());
        }
        inner.put("_unique_id", uniqueId());
        return envelope(inner);
    }

    /** Serializes a reply. */
    public byte[] encode(Reply reply) {
        ObjectNode inner = nodes.objectNode();
        inner.set("result", reply.failure() == null ? reply.result() : nodes.nullNode());
        if (reply.failure() == null) {
            inner.putNull("failure");
        } else {
            ObjectNode failure = nodes.objectNode();
            failure.put("class", reply.failure().type());
            failure.put("module", reply.failure().module());
            failure.put("message", reply.failure().message());
            failure.putArray("tb");
            failure.putArray("args").add(reply.failure().message());
            failure.putObject("kwargs");
            inner.put("failure", text(failure));
        }
        inner.put("ending", true);
        inner.put("_msg_id", reply.msgId());
        inner.put("_unique_id", uniqueId());
        return envelope(inner);
    }

    /**
     * Parses a request.
     *
     * @throws MalformedMessageException when {@code body} is not one
     */
    public Request decodeRequest(byte[] body) {
        JsonNode inner = open(body);
        JsonNode method = inner.get("method");
        if (method == null || !method.isTextual() || method.asText().isBlank()) {
            throw new MalformedMessageException("request without a method");
        }
        JsonNode args = inner.get("args");
        ObjectNode argsObject;
        if (args == null || args.isNull()) {
            argsObject = nodes.objectNode();
        } else if (args instanceof ObjectNode object) {
            argsObject = object;
        } else {
            throw new MalformedMessageException("request args is not an object");
        }
        String msgId = textOrNull(inner, "_msg_id");
        String replyQueue = textOrNull(inner, "_reply_q");
        if ((msgId == null) != (replyQueue == null)) {
            throw new MalformedMessageException("request with only one of _msg_id and _reply_q");
        }
        return new Request(new Message(method.asText(), argsObject), msgId, replyQueue);
    }

    /**
     * Parses a reply.
     *
     * @throws MalformedMessageException when {@code body} is not one
     */
    public Reply decodeReply(byte[] body) {
        JsonNode inner = open(body);
        String msgId = textOrNull(inner, "_msg_id");
        if (msgId == null) {
            throw new MalformedMessageException("reply without _msg_id");
        }
        String failureText = textOrNull(inner, "failure");
        if (failureText == null) {
            return Reply.success(msgId, inner.get("result"));
        }
        JsonNode failure = parse(failureText);
        String type = textOrNull(failure, "class");
        return Reply.failure(msgId, new RemoteFailure(type == null ? "RemoteError" : type,
                String.valueOf(textOrNull(failure, "module")), textOrNull(failure, "message")));
    }

    private byte[] envelope(ObjectNode inner) {
        ObjectNode outer = nodes.objectNode();
        outer.put(VERSION_KEY, ENVELOPE_VERSION);
        outer.put(MESSAGE_KEY, text(inner));
        try {
            return mapper.writeValueAsBytes(outer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    private JsonNode open(byte[] body) {
        JsonNode outer;
        try {
            outer = mapper.readTree(body);
        } catch (IOException e) {
            throw new MalformedMessageException("body is not JSON: " + e.getMessage());
        }
        if (outer == null || !outer.isObject()) {
            throw new MalformedMessageException("body is not a JSON object");
        }
        JsonNode version = outer.get(VERSION_KEY);
        if (version == null) {
            return outer;
        }
        if (!ENVELOPE_VERSION.equals(version.asText())) {
            throw new MalformedMessageException("unsupported envelope version " + version.asText());
        }
        String inner = textOrNull(outer, MESSAGE_KEY);
        if (inner == null) {
            throw new MalformedMessageException("envelope without " + MESSAGE_KEY);
        }
        JsonNode message = parse(inner);
        if (!message.isObject()) {
            throw new MalformedMessageException(MESSAGE_KEY + " is not a JSON object");
        }
        return message;
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new MalformedMessageException("not JSON: " + e.getMessage());
        }
    }

    private String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String uniqueId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
