/**
 * The payment-channel model's money (settlement model 2): {@link
 * io.tollway.domain.model.channel.ChannelTerms} of an offering, validated; {@link
 * io.tollway.domain.model.channel.ChannelAccount}, the off-chain ledger of one channel (deposit,
 * usage reports counted once by key, the best cheque, what is owed, the billing lag and the
 * service decision at any moment); {@link io.tollway.domain.model.channel.Cheque}s, judged by the
 * ledger with a {@link io.tollway.domain.model.channel.ChequeVerdict} an API maps to a problem
 * type. Who signed a cheque is asked of {@link io.tollway.domain.model.channel.ChequeSignatures},
 * implemented in the infrastructure for this deployment's chain and contract. Pure Java: no web3j,
 * no JPA, no Jakarta; time comes in as arguments.
 */
package io.tollway.domain.model.channel;
