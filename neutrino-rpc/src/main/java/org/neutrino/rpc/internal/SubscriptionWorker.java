package org.neutrino.rpc.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.neutrino.rpc.Dispatch;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.RpcHandler;
import org.neutrino.rpc.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one subscription's handler: decodes each received body, runs the handler on a virtual
 * thread (one per message, or one for all messages in order, see {@link Dispatch}) and sends the
 * reply of a call. After {@link #close()} further bodies are dropped.
 */
public final class SubscriptionWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWorker.class);

    private final Target target;
    private final RpcHandler handler;
    private final WireCodec codec;
    private final ReplySender replySender;
    private final ExecutorService executor;
    private volatile boolean closed;

    public SubscriptionWorker(Target target, RpcHandler handler, Dispatch dispatch, WireCodec codec,
                              ReplySender replySender) {
        this.target = target;
        this.handler = handler;
        this.codec = codec;
        this.replySender = replySender;
        var threads = Thread.ofVirtual().name("rpc-" + target.routingKey() + "-", 0).factory();
        this.executor = switch (dispatch) {
            case CONCURRENT -> Executors.newThreadPerTaskExecutor(threads);
            case ORDERED -> Executors.newSingleThreadExecutor(threads);
        };
    }

    /** Hands one received body to the handler; returns at once. */
    public void deliver(byte[] body) {
        Request request;
        try {
            request = codec.decodeRequest(body);
        } catch (MalformedMessageException e) {
            LOG.warn("Dropping a malformed message on {}: {}", target, e.getMessage());
            return;
        }
        try {
            executor.execute(() -> handle(request));
        } catch (RejectedExecutionException e) {
            LOG.debug("Subscription to {} is closed; dropping {}", target, request.message().method());
        }
    }

    private void handle(Request request) {
        Message message = request.message();
        if (closed) {
            LOG.debug("Subscription to {} is closed; dropping {}", target, message.method());
            return;
        }
        Reply reply;
        try {
            var result = handler.handle(message);
            if (!request.isCall()) {
                return;
            }
            reply = Reply.success(request.msgId(), result);
        } catch (Exception | LinkageError | AssertionError e) {
            if (!request.isCall()) {
                LOG.warn("Handler of {} failed on cast {}", target, message.method(), e);
                return;
            }
            LOG.debug("Handler of {} failed on call {}; replying the error", target, message.method(), e);
            reply = Reply.failure(request.msgId(), RemoteFailure.of(e));
        }
        replySender.send(request.replyQueue(), codec.encode(reply));
    }

    /**
     * Stops taking messages: handlers already running finish on their own, messages received
     * but not yet handled are dropped.
     */
    @Override
    public void close() {
        closed = true;
        executor.shutdown();
    }
}
