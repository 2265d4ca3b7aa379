package io.tollway.domain.model.channel;

/** A channel's ledger refused a cheque; {@link #verdict()} says why (never {@link ChequeVerdict#ACCEPTED}). */
public class ChequeRefused extends RuntimeException {

    private final ChequeVerdict verdict;

    public ChequeRefused(ChequeVerdict verdict, String message) {
        super(message);
        if (verdict.isAccepted()) {
            throw new IllegalArgumentException("an accepted cheque is not refused");
        }
        this.verdict = verdict;
    }

    public ChequeVerdict verdict() {
        return verdict;
    }
}
