/**
 * The agreement aggregate (being built): for now the escrow model's money, {@link
 * io.tollway.domain.model.agreement.EscrowTerms} and {@link
 * io.tollway.domain.model.agreement.EscrowAccount}, the off-chain formula that equals the
 * {@code ServiceEscrow} contract's accounts to the last unit.
 */
package io.tollway.domain.model.agreement;
