package org.neutrino.server.callbacks;

/**
 * When in the life of a write a callback runs, as Neutron's {@code neutron_lib.callbacks.events}.
 * <ul>
 *   <li>{@code BEFORE_*}: before the transaction, on the request; a callback may refuse it by
 *       throwing a {@code NeutronException} (nothing has changed yet).
 *   <li>{@code PRECOMMIT_*}: inside the transaction ({@link ResourceEvent#handle()}), with the rows
 *       locked; a callback may write related rows or refuse by throwing (the transaction rolls
 *       back). No I/O: the transaction may be run again.
 *   <li>{@code AFTER_*}: after commit; for notifications. A callback's failure is logged and never
 *       undoes the committed change.
 * </ul>
 */
public enum Event {
    BEFORE_CREATE, PRECOMMIT_CREATE, AFTER_CREATE,
    BEFORE_UPDATE, PRECOMMIT_UPDATE, AFTER_UPDATE,
    BEFORE_DELETE, PRECOMMIT_DELETE, AFTER_DELETE;

    /** Whether a callback's exception refuses the operation (everything but {@code AFTER_*}). */
    public boolean canRefuse() {
        return !name().startsWith("AFTER_");
    }

    /** Whether the event is published inside the transaction. */
    public boolean inTransaction() {
        return name().startsWith("PRECOMMIT_");
    }
}
