package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.util.Objects;

/** Both parties approved the terms whose hash is {@code termsHash}; the agreement awaits its first deposit. */
public record AgreementApproved(EventPosition position, BigInteger agreementId, String termsHash)
        implements EscrowEvent {

    public AgreementApproved {
        Objects.requireNonNull(position, "position");
        ChainValues.requireAmount(agreementId, "agreementId");
        ChainValues.requireHash(termsHash, "termsHash");
    }
}
