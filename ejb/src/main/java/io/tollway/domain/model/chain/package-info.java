/**
 * What the chain tells the domain: the nine contract events Tollway acts on, as domain values
 * ({@link io.tollway.domain.model.chain.EscrowEvent} for agreements billed through
 * {@code ServiceEscrow}, {@link io.tollway.domain.model.chain.ChannelEvent} for
 * {@code PaymentChannels}), each with its {@link io.tollway.domain.model.chain.EventPosition} on
 * the chain, and the {@link io.tollway.domain.model.chain.ChainEventHandler} that receives them.
 * Amounts are in the token's smallest unit, addresses and hashes lower-case {@code 0x} hex. No
 * web3j type reaches this package; the infrastructure decodes the logs.
 */
package io.tollway.domain.model.chain;
