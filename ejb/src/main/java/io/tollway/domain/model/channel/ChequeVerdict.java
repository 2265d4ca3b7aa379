package io.tollway.domain.model.channel;

/**
 * What a channel's ledger says to a cheque. Each refusal has a stable {@link #code()} the API
 * turns into a problem type. The checks run in the order declared: the channel first, then the
 * signature (so a refusal tells nothing about the channel's balances to anyone but its consumer),
 * then the deposit, then the ordering.
 */
public enum ChequeVerdict {

    /** The cheque is for another channel than this one. */
    WRONG_CHANNEL("cheque-wrong-channel"),
    /** The signature is not the channel consumer's on this deployment's domain (or not a valid one at all). */
    NOT_SIGNED_BY_CONSUMER("cheque-not-signed-by-consumer"),
    /** The balance is above the channel's deposit: the contract would refuse to close with it. */
    ABOVE_DEPOSIT("cheque-above-deposit"),
    /** The balance is not above the best cheque already accepted: balances strictly increase. */
    NOT_ABOVE_BEST("cheque-not-above-best"),
    /** The cheque is the channel's new best. */
    ACCEPTED("cheque-accepted");

    private final String code;

    ChequeVerdict(String code) {
        this.code = code;
    }

    /** A stable, URL-safe name of the verdict, e.g. {@code cheque-above-deposit}. */
    public String code() {
        return code;
    }

    public boolean isAccepted() {
        return this == ACCEPTED;
    }
}
