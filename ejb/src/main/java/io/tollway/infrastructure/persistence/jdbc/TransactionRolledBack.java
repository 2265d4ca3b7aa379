package io.tollway.infrastructure.persistence.jdbc;

/**
 * A unit of work ran, but its transaction did not commit (an optimistic lock lost at the flush, a
 * deadlock): nothing of it was kept, and it may be run again. The message names the innermost
 * cause, which the container's own exception does not.
 */
public class TransactionRolledBack extends RuntimeException {

    public TransactionRolledBack(RuntimeException failure) {
        super("the transaction was rolled back at its commit: " + innermostMessage(failure), failure);
    }

    /** The innermost cause with a message, as "Type: message": what a log line should say of a wrapped failure. */
    public static String innermostMessage(Throwable failure) {
        String message = failure.toString();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return message;
    }
}
