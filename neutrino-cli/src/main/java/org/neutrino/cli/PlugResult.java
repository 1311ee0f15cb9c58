package org.neutrino.cli;

/**
 * What {@link VifPlugger#plug} did.
 *
 * @param namespaceCreated the VM namespace did not exist before
 * @param vethCreated      the tap / VM interface pair did not exist before
 * @param changed          anything at all was changed (false: the port was already plugged so)
 */
public record PlugResult(VifSpec spec, boolean namespaceCreated, boolean vethCreated, boolean changed) {
}
