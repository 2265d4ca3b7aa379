/**
 * {@code ServiceEscrow} on chain terms. {@link io.tollway.infrastructure.chain.escrow.EscrowCalls}
 * encodes what Tollway sends through the gateway under the provider's key (create, terms,
 * metadata, approve, reject, bill, billMany, stop, withdraw earnings); {@link
 * io.tollway.infrastructure.chain.escrow.EscrowWalletCalls} encodes what only the consumer's
 * wallet can send (approve, token allowance, deposit, stop, withdraw refund), handed out by the
 * API as {@code {to, data, value}}. {@link io.tollway.infrastructure.chain.escrow.EscrowReader}
 * reads agreements, terms hashes, balances and earnings, and finds the id a {@code
 * createAgreement} transaction handed out; {@link
 * io.tollway.infrastructure.chain.escrow.EscrowTermsHash} computes the terms hash off chain, as
 * the contract does. Plain objects: the application wires them.
 */
package io.tollway.infrastructure.chain.escrow;
