/**
 * {@code PaymentChannels} on chain terms. {@link
 * io.tollway.infrastructure.chain.channels.Eip712ChequeSignatures} recovers who signed a cheque's
 * EIP-712 balance proof on this deployment's domain (chain id and {@code PaymentChannels} address
 * from configuration, never from a request), exactly as the contract does, and produces the typed
 * data a consumer's wallet signs. It implements the domain's {@link
 * io.tollway.domain.model.channel.ChequeSignatures}. {@link
 * io.tollway.infrastructure.chain.channels.ChannelCalls} encodes what the gateway sends under the
 * agent's key (register an offering, close cooperatively, withdraw), with the agent's closing
 * signature from {@link io.tollway.infrastructure.chain.channels.ClosingSignatures}; {@link
 * io.tollway.infrastructure.chain.channels.ChannelWalletCalls} what only the consumer's wallet can
 * send (open, top up, uncooperative close, settle, withdraw); {@link
 * io.tollway.infrastructure.chain.channels.ChannelReader} reads channels, offerings, the challenge
 * period and internal balances. Plain objects: the application wires them.
 */
package io.tollway.infrastructure.chain.channels;
