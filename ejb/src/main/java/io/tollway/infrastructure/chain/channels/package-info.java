/**
 * Payment-channel cheques on chain terms: {@link
 * io.tollway.infrastructure.chain.channels.Eip712ChequeSignatures} recovers who signed a cheque's
 * EIP-712 balance proof on this deployment's domain (chain id and {@code PaymentChannels} address
 * from configuration, never from a request), exactly as the contract does, and produces the typed
 * data a consumer's wallet signs. It implements the domain's {@link
 * io.tollway.domain.model.channel.ChequeSignatures}. Plain objects: the application wires them.
 */
package io.tollway.infrastructure.chain.channels;
