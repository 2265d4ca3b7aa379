/**
 * The chain event reader of the chain gateway. {@link
 * io.tollway.infrastructure.chain.events.ChainEventReader} follows the escrow's and the channels'
 * logs from a cursor persisted with its block hash, waits for the configured confirmations,
 * notices a reorganisation by that hash and reads again from the fork point, and hands each event
 * to the domain exactly once, in the same database transaction that moves the cursor. {@link
 * io.tollway.infrastructure.chain.events.EventDecoder} turns logs into domain events with the
 * generated bindings' ABI definitions. {@link io.tollway.infrastructure.chain.events.ReaderLock}
 * (a PostgreSQL session advisory lock) lets one node of a cluster read at a time, and {@link
 * io.tollway.infrastructure.chain.events.ChainEventReaderLoop} polls while it holds the lock, takes
 * over when the holder dies and rides out node and database outages. Plain objects: the
 * application wires them.
 */
package io.tollway.infrastructure.chain.events;
