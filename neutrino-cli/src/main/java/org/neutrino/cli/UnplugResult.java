package org.neutrino.cli;

import java.util.Optional;

/**
 * What {@link VifPlugger#unplug} did.
 *
 * @param namespace        the VM namespace that was to be deleted, if one was
 * @param tapDeleted       the tap existed and was deleted (with its VM end)
 * @param namespaceDeleted the namespace existed and was deleted
 */
public record UnplugResult(String tap, boolean tapDeleted, Optional<String> namespace, boolean namespaceDeleted) {
}
