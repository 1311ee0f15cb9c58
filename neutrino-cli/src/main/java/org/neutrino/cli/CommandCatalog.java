package org.neutrino.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.cli.ResourceDeclaration.Operation;

/** The generated commands by name ({@code net-create} → its {@link ResourceRequest}), in help order. */
final class CommandCatalog {
    private CommandCatalog() {
    }

    static Map<String, ResourceRequest> of(List<ResourceDeclaration> declarations) {
        Map<String, ResourceRequest> commands = new LinkedHashMap<>();
        for (ResourceDeclaration declaration : declarations) {
            for (Operation operation : Operation.values()) {
                if (declaration.operations().contains(operation)) {
                    commands.put(declaration.commandName(operation), new ResourceRequest(declaration, operation, null));
                }
            }
            for (Action action : declaration.actions()) {
                commands.put(action.name(), new ResourceRequest(declaration, null, action));
            }
        }
        return Collections.unmodifiableMap(commands);
    }
}
