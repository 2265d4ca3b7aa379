/**
 * The transaction half of the chain gateway: an outbox of {@link
 * io.tollway.infrastructure.chain.transaction.ChainTransaction} rows that are written before
 * anything is sent, one sender per signing key with a persisted nonce sequence, and a tracker
 * that follows each transaction to its receipt and its confirmations and announces the outcome
 * exactly once. Callers never wait for the chain: they get a transaction id and a message later.
 */
package io.tollway.infrastructure.chain.transaction;
