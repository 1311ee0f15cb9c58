package org.neutrino.db;

/**
 * Thrown inside a transaction to ask {@link Database#inTransaction} to run it again from the
 * start, e.g. when a read taken under lock saw a row that a concurrent transaction removed.
 */
public final class RetryRequest extends RuntimeException {
    public RetryRequest(String reason) {
        super(reason, null, false, false);
    }
}
