/**
 * Helpers shared by the transports (wire codec, dispatch to handlers, pending calls). Not an
 * API: other modules use {@link org.neutrino.rpc.MessageBus} only.
 */
package org.neutrino.rpc.internal;
