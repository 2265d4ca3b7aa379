package io.tollway.domain.model.chain;

/**
 * A contract event the domain acts on. Each one names its subject (the business key its process
 * instance is found by) and its position on the chain.
 */
public sealed interface ChainEvent permits EscrowEvent, ChannelEvent {

    EventPosition position();

    /** The business key of what the event is about: an agreement id in decimal, or a channel key. */
    String subject();
}
