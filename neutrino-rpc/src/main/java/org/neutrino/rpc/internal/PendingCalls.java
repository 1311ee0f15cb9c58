package org.neutrino.rpc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.neutrino.rpc.BusUnavailableException;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.RpcException;
import org.neutrino.rpc.RpcTimeoutException;
import org.neutrino.rpc.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The calls of one bus that wait for their reply, by {@code _msg_id}. Thread-safe. */
public final class PendingCalls {
    private static final Logger LOG = LoggerFactory.getLogger(PendingCalls.class);

    private final Map<String, CompletableFuture<Reply>> waiting = new ConcurrentHashMap<>();

    /** A call waiting for its reply. */
    public record Pending(String msgId, CompletableFuture<Reply> reply) {
    }

    /** Registers a new call under a fresh id. */
    public Pending register() {
        String msgId = UUID.randomUUID().toString().replace("-", "");
        CompletableFuture<Reply> future = new CompletableFuture<>();
        waiting.put(msgId, future);
        return new Pending(msgId, future);
    }

    /** Completes the call {@code reply} answers; a reply nobody waits for any more is dropped. */
    public void complete(Reply reply) {
        CompletableFuture<Reply> future = waiting.remove(reply.msgId());
        if (future == null) {
            LOG.debug("Dropping a reply to {}: no call waits for it (timed out?)", reply.msgId());
            return;
        }
        future.complete(reply);
    }

    /** Fails the call {@code msgId} with {@code failure} (e.g. the broker returned it); no-op when none waits. */
    public void fail(String msgId, RpcException failure) {
        CompletableFuture<Reply> future = waiting.remove(msgId);
        if (future != null) {
            future.completeExceptionally(failure);
        }
    }

    /** Stops waiting for {@code pending}, e.g. because sending it failed. */
    public void forget(Pending pending) {
        waiting.remove(pending.msgId());
    }

    /**
     * Waits for the reply of {@code pending}.
     *
     * @return the result of the remote handler
     * @throws RpcTimeoutException                       when none came within {@code timeout}
     * @throws org.neutrino.rpc.RemoteErrorException when the remote handler threw
     */
    public JsonNode await(Pending pending, Target target, Message message, Duration timeout) {
        Reply reply;
        try {
            reply = pending.reply().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            waiting.remove(pending.msgId());
            throw new RpcTimeoutException("Timed out waiting for a reply to message ID " + pending.msgId()
                    + " (" + message.method() + " on " + target + ") after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            waiting.remove(pending.msgId());
            Thread.currentThread().interrupt();
            throw new RpcException("Interrupted while waiting for a reply to " + message.method() + " on " + target);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RpcException rpc) {
                throw rpc;
            }
            throw new RpcException("Call " + message.method() + " on " + target + " failed", e.getCause());
        }
        if (reply.failure() != null) {
            throw reply.failure().toException();
        }
        return reply.result();
    }

    /** Fails every waiting call, because the bus closed. */
    public void failAll(String reason) {
        for (String msgId : waiting.keySet()) {
            CompletableFuture<Reply> future = waiting.remove(msgId);
            if (future != null) {
                future.completeExceptionally(new BusUnavailableException(reason));
            }
        }
    }
}
