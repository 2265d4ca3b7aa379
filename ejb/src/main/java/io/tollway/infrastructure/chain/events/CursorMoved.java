package io.tollway.infrastructure.chain.events;

/**
 * The reader's cursor was not where this reader left it: another node read under the same name
 * (its lock was lost or not used). The transaction is rolled back and the next read starts from
 * the stored cursor, so no event is handled twice.
 */
public class CursorMoved extends RuntimeException {

    public CursorMoved(String reader, Object expected) {
        super("the cursor of chain event reader '" + reader + "' is no longer at " + expected
                + ": another reader moved it; reading again from the stored cursor");
    }
}
