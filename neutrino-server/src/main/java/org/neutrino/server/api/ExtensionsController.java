package org.neutrino.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.exceptions.NeutronException;

/** {@code GET /v2.0/extensions} and {@code GET /v2.0/extensions/{alias}}: what the loaded plugins implement. */
public final class ExtensionsController implements Controller {
    private final List<ExtensionDescriptor> extensions;

    /** @param extensions the loaded extensions, in the order they are listed */
    public ExtensionsController(List<ExtensionDescriptor> extensions) {
        this.extensions = List.copyOf(extensions);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("GET")) {
            throw ResourceController.methodNotAllowed();
        }
        if (request.path().size() == 1) {
            return ApiResponse.ok(Map.of("extensions", extensions.stream().map(ExtensionsController::toJson).toList()));
        }
        if (request.path().size() == 2) {
            String alias = request.path().get(1);
            return extensions.stream().filter(e -> e.alias().equals(alias)).findFirst()
                    .map(e -> ApiResponse.ok(Map.of("extension", toJson(e))))
                    .orElseThrow(() -> NeutronException.notFound("HTTPNotFound", "Extension with alias " + alias + " does not exist"));
        }
        throw Controller.notFound();
    }

    private static Map<String, Object> toJson(ExtensionDescriptor extension) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", extension.name());
        out.put("alias", extension.alias());
        out.put("description", extension.description());
        out.put("updated", extension.updated());
        out.put("links", List.of());
        return out;
    }
}
