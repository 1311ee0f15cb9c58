package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the id of a resource given by name or id, as the classic client does: a UUID is taken as
 * the id; anything else is looked up with {@code GET <collection>?name=X&fields=id}, which must
 * find exactly one resource (none, or several, is a {@link NameException} listing the candidates).
 * Answers are remembered for the rest of the command.
 */
public final class NameResolver {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private final ApiClient api;
    private final Map<String, String> known = new HashMap<>();

    public NameResolver(ApiClient api) {
        this.api = api;
    }

    /** The id of the {@code type} resource called {@code nameOrId}. */
    public String id(ResourceType type, String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            throw new BadValueException("a " + type.label() + " name or id must not be blank");
        }
        if (!type.named() || UUID.matcher(nameOrId).matches()) {
            return nameOrId;
        }
        return known.computeIfAbsent(type.collection() + "/" + nameOrId, key -> lookUp(type, nameOrId));
    }

    private String lookUp(ResourceType type, String name) {
        JsonNode found = api.get(type.path() + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&fields=id").path(type.collection());
        List<String> ids = new ArrayList<>();
        found.forEach(item -> ids.add(item.path("id").asText()));
        if (ids.isEmpty()) {
            throw new NameException("Unable to find " + type.label() + " with name or id '" + name + "'");
        }
        if (ids.size() > 1) {
            throw new NameException("Multiple " + type.label() + " matches found for name '" + name
                    + "', use an ID to be more specific: " + String.join(", ", ids));
        }
        return ids.getFirst();
    }
}
