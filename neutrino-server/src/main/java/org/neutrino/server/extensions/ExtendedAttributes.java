package org.neutrino.server.extensions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.lib.context.RequestContext;

/**
 * The {@link AttributeExtension}s of every collection, as the plugins registered them; the owner
 * of a collection runs them with these helpers, in registration order.
 */
public final class ExtendedAttributes {
    private final Map<String, List<AttributeExtension>> byCollection = new ConcurrentHashMap<>();

    public void register(AttributeExtension extension) {
        byCollection.computeIfAbsent(extension.collection(), c -> new CopyOnWriteArrayList<>()).add(extension);
    }

    public List<AttributeExtension> of(String collection) {
        return byCollection.getOrDefault(collection, List.of());
    }

    public void prepareCreate(String collection, Handle h, RequestContext context, Map<String, Object> item) {
        of(collection).forEach(e -> e.prepareCreate(h, context, item));
    }

    public void processCreate(String collection, Handle h, RequestContext context, Map<String, Object> request,
                              Map<String, Object> created) {
        of(collection).forEach(e -> e.processCreate(h, context, request, created));
    }

    public void processUpdate(String collection, Handle h, RequestContext context, Map<String, Object> changes,
                              Map<String, Object> current) {
        of(collection).forEach(e -> e.processUpdate(h, context, changes, current));
    }

    public void processDelete(String collection, Handle h, Map<String, Object> deleted) {
        of(collection).forEach(e -> e.processDelete(h, deleted));
    }

    public void extend(String collection, Handle h, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            of(collection).forEach(e -> e.extend(h, rows));
        }
    }

    /** The condition of a filter on an extension attribute of {@code collection}, if one handles it. */
    public Optional<ListQuery.Condition> filter(String collection, String attribute, List<Object> values) {
        for (AttributeExtension extension : new ArrayList<>(of(collection))) {
            Optional<ListQuery.Condition> condition = extension.filter(attribute, values);
            if (condition.isPresent()) {
                return condition;
            }
        }
        return Optional.empty();
    }

    /** The members of {@code collection} the extensions make visible to {@code context}, one condition each. */
    public List<ListQuery.Condition> visibleTo(String collection, RequestContext context) {
        List<ListQuery.Condition> out = new ArrayList<>();
        of(collection).forEach(e -> e.visibleTo(context).ifPresent(out::add));
        return out;
    }
}
