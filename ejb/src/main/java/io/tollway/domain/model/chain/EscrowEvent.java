package io.tollway.domain.model.chain;

import java.math.BigInteger;

/** An event of an escrow-billed agreement ({@code ServiceEscrow}). */
public sealed interface EscrowEvent extends ChainEvent
        permits DepositMade, AgreementApproved, BillPaid, OutOfFunds {

    BigInteger agreementId();

    @Override
    default String subject() {
        return agreementId().toString();
    }
}
