package org.neutrino.server.api;

/** A controller whose members can carry sub-resources that plugins register. */
public interface SubResourceParent {
    /** Serves {@code /v2.0/<collection>/{id}/<name>[/...]} with {@code sub}. */
    void withSubResource(String name, SubResource sub);
}
