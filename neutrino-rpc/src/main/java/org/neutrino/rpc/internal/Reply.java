package org.neutrino.rpc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * The answer to a call: a result or a failure, with the call's id.
 *
 * @param msgId   the id of the call this answers
 * @param result  the handler's result (JSON null when it returned nothing); ignored on failure
 * @param failure the handler's exception, or null when it succeeded
 */
public record Reply(String msgId, JsonNode result, RemoteFailure failure) {

    public Reply {
        Objects.requireNonNull(msgId, "msgId");
        result = result == null ? NullNode.getInstance() : result;
    }

    public static Reply success(String msgId, JsonNode result) {
        return new Reply(msgId, result, null);
    }

    public static Reply failure(String msgId, RemoteFailure failure) {
        return new Reply(msgId, NullNode.getInstance(), Objects.requireNonNull(failure, "failure"));
    }
}
