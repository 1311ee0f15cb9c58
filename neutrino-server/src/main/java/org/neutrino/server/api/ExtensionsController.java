package org.neutrino.server.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.neutrino.lib.exceptions.NeutronException;

/** {@code GET /v2.0/extensions} and {@code GET /v2.0/extensions/{alias}}: only what is implemented. */
public final class ExtensionsController implements Controller {
    private final List<Extension> extensions;

    public ExtensionsController(List<Extension> extensions) {
        this.extensions = extensions.stream().sorted(Comparator.comparing(Extension::alias)).toList();
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("GET")) {
            throw ResourceController.methodNotAllowed();
        }
        if (request.path().size() == 1) {
            return ApiResponse.ok(Map.of("extensions", extensions.stream().map(Extension::toJson).toList()));
        }
        if (request.path().size() == 2) {
            String alias = request.path().get(1);
            return extensions.stream().filter(e -> e.alias().equals(alias)).findFirst()
                    .map(e -> ApiResponse.ok(Map.of("extension", e.toJson())))
                    .orElseThrow(() -> NeutronException.notFound("HTTPNotFound", "Extension with alias " + alias + " does not exist"));
        }
        throw Controller.notFound();
    }
}
