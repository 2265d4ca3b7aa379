package io.tollway.infrastructure.chain.escrow;

import io.tollway.infrastructure.chain.Abi;
import io.tollway.infrastructure.chain.TokenCalls;
import io.tollway.infrastructure.chain.transaction.ContractCall;

import java.math.BigInteger;

/**
 * Calls of {@code ServiceEscrow} that only the consumer's own wallet can make: consumer keys never
 * reach Tollway, so these are never sent by the gateway. The API hands each to the wallet as
 * {@code {to, data, value}} ({@link ContractCall#to()}, {@link ContractCall#dataHex()},
 * {@link ContractCall#value()}, always 0); the wallet estimates the gas and signs.
 *
 * <p>A first deposit needs the token allowance first: {@link #allowDeposits}, then {@link #deposit}.
 */
public final class EscrowWalletCalls {

    private EscrowWalletCalls() {
    }

    /** The consumer's approval of the terms with this hash; the same encoding as the provider's. */
    public static ContractCall approve(String escrow, BigInteger onChainId, String termsHash) {
        return EscrowCalls.approve(escrow, onChainId, termsHash);
    }

    /** The consumer rejects before both approved. */
    public static ContractCall reject(String escrow, BigInteger onChainId) {
        return EscrowCalls.reject(escrow, onChainId);
    }

    /** Lets the escrow pull up to {@code amount} of the consumer's tokens (ERC-20 {@code approve}). */
    public static ContractCall allowDeposits(String token, String escrow, BigInteger amount) {
        return TokenCalls.approve(token, escrow, amount);
    }

    /**
     * Consumer only, agreement Approved or Active. The first deposit must cover the setup fee and
     * the lockup amount ({@code DepositTooSmall} otherwise) and activates the agreement
     * ({@code Deposited}, then {@code AgreementActivated}); later ones top up ({@code Deposited}).
     */
    public static ContractCall deposit(String escrow, BigInteger onChainId, BigInteger amount) {
        return EscrowCalls.call(escrow, "deposit", EscrowCalls.id(onChainId),
                Abi.uint256("amount", Abi.positive("amount", amount, EscrowCalls.MAX_AMOUNT)));
    }

    /** The consumer stops (or cancels before activation); the same encoding as the provider's. */
    public static ContractCall stop(String escrow, BigInteger onChainId) {
        return EscrowCalls.stop(escrow, onChainId);
    }

    /** Consumer only, after Stopped or OutOfFunds: what is left of the deposit ({@code RefundWithdrawn}). */
    public static ContractCall withdrawRefund(String escrow, BigInteger onChainId) {
        return EscrowCalls.call(escrow, "withdrawRefund", EscrowCalls.id(onChainId));
    }
}
