package org.neutrino.agent.metadata;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.neutrino.rpc.agent.MetadataLookup;

/**
 * Forwards an instance's request to Nova's metadata API with the headers Nova trusts:
 * {@code X-Forwarded-For} (the instance's address), {@code X-Instance-ID} (the port's
 * {@code device_id}), {@code X-Tenant-ID} (its project) and {@code X-Instance-ID-Signature}. Nova's
 * status, content type and body come back as they are.
 */
final class NovaMetadataClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final InstanceSignature signature;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    NovaMetadataClient(URI base, InstanceSignature signature) {
        this.base = base;
        this.signature = signature;
    }

    /**
     * Nova's answer to {@code request} from {@code forwardedFor}, the address of {@code instance}.
     *
     * @throws IOException when Nova cannot be reached or does not answer in time
     */
    HttpAnswer forward(IncomingRequest request, String forwardedFor, MetadataLookup.Instance instance)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(base + request.target()))
                .timeout(REQUEST_TIMEOUT)
                .method(request.method(), body)
                .header("X-Forwarded-For", forwardedFor)
                .header("X-Instance-ID", instance.deviceId())
                .header("X-Tenant-ID", nonNull(instance.projectId()))
                .header("X-Instance-ID-Signature", signature.sign(instance.deviceId()));
        request.header("Content-Type").ifPresent(type -> forwarded.header("Content-Type", type));
        HttpResponse<byte[]> response = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        Optional<String> type = response.headers().firstValue("Content-Type");
        return new HttpAnswer(response.statusCode(), type.orElse(null), response.body());
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
