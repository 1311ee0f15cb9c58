package org.neutrino.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.neutrino.lib.exceptions.NeutronException;

/** JSON in and out of the API. Integers stay integers; duplicate keys and trailing data are refused. */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private JsonCodec() {
    }

    /** Parses a request body; 400 {@code MalformedRequestBody} when it is not JSON. */
    public static Object parse(byte[] body) {
        if (body.length == 0) {
            throw NeutronException.badRequest("HTTPBadRequest", "Malformed request body: the body is empty");
        }
        Object value;
        try {
            value = MAPPER.readValue(body, Object.class);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? "not JSON" : e.getMessage().split("\n")[0];
            throw NeutronException.badRequest("HTTPBadRequest", "Malformed request body: " + reason);
        }
        refuseNul(value);
        return value;
    }

    /** No text may carry a NUL character: PostgreSQL cannot store one (400 here rather than 500 there). */
    private static void refuseNul(Object value) {
        if (value instanceof String text && text.indexOf('\0') >= 0) {
            throw NeutronException.badRequest("HTTPBadRequest", "Malformed request body: NUL characters are not allowed");
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                refuseNul(key);
                refuseNul(item);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(JsonCodec::refuseNul);
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render response", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
