package io.tollway.infrastructure.chain.escrow;

import io.tollway.domain.model.agreement.EscrowTerms;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * An agreement as {@code ServiceEscrow.agreement(id)} answers it, in plain values: what the chain
 * holds, for the processes to compare with what Tollway recorded. Amounts in the token's smallest
 * unit, times in unix seconds, addresses lower-case.
 *
 * @param status the contract's status name, one of {@link #STATUSES} ("None" when no such agreement)
 */
public record EscrowAgreementOnChain(String consumer, String provider, String arbiter, String status,
                                     BigInteger setupFee, BigInteger baseFeePerHour, BigInteger variableFeePerHour,
                                     long lockupSeconds, long lastBillAt, BigInteger remaining, BigInteger deposited,
                                     BigInteger refunded, boolean consumerApproved, boolean providerApproved) {

    /** The contract's {@code Status} names, in the enum's order; Stopped, OutOfFunds, Rejected and Cancelled are final. */
    public static final List<String> STATUSES = List.of(
            "None", "Created", "Ready", "Approved", "Active", "Stopped", "OutOfFunds", "Rejected", "Cancelled");

    public boolean exists() {
        return !"None".equals(status);
    }

    /** The terms on chain, once the provider has set a base fee. */
    public Optional<EscrowTerms> terms() {
        return baseFeePerHour.signum() == 0 ? Optional.empty()
                : Optional.of(new EscrowTerms(setupFee, baseFeePerHour, variableFeePerHour, lockupSeconds));
    }
}
