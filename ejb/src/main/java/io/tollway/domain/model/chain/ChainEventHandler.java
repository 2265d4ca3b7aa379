package io.tollway.domain.model.chain;

/**
 * Receives the chain's events, each exactly once per block it is in. Both methods run inside the
 * reader's database transaction, the one that also moves its cursor: what the handler writes in
 * that transaction commits with the cursor or not at all, and an exception rolls both back so the
 * same events come again on the next read.
 */
public interface ChainEventHandler {

    /** A new event, confirmed as configured. */
    void handle(ChainEvent event);

    /**
     * A reorganisation replaced the block of an event that was handled before: undo what it caused.
     * If the new chain has the same event (in another block) it is handed to {@link #handle} again.
     */
    void orphaned(ChainEvent event);
}
