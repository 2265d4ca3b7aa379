package io.tollway.domain.model.channel;

import io.tollway.domain.model.agreement.TerminationCause;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a use case stores of a channel's ledger comes back the same: every decision after a reload is the one before it. */
class ChannelTest {

    private static final ChannelTerms TERMS = new ChannelTerms("MB", BigInteger.TEN, BigInteger.valueOf(25), 10, 1000, 3, 600, 300, 5);
    private static final String KEY = "0x" + "ab".repeat(32);
    private static final String CONSUMER = "0x" + "11".repeat(20);
    private static final Instant OPENED = Instant.parse("2026-11-21T10:00:00Z");
    private static final ChequeSignatures BY_CONSUMER = cheque -> Optional.of(CONSUMER);

    private static Channel opened() {
        return Channel.opened("agreement-1", TERMS, KEY, CONSUMER, "0x" + "22".repeat(20), 42, "0x" + "cd".repeat(32),
                BigInteger.valueOf(1000), OPENED);
    }

    @Test
    void aReloadedLedgerDecidesAsTheOneThatWasStored() {
        Channel channel = opened();
        ChannelAccount account = channel.account(TERMS);
        account.recordUnits(4, OPENED.plusSeconds(60));
        account.acceptCheque(new Cheque(KEY, BigInteger.valueOf(45), "0x" + "00".repeat(65)), BY_CONSUMER);
        account.recordUnits(5, OPENED.plusSeconds(120));
        Instant review = OPENED.plusSeconds(180);
        assertThat(account.review(review)).isEqualTo(ServiceDecision.SUSPEND);
        channel.keep(account);

        ChannelAccount reloaded = channel.account(TERMS);
        assertThat(reloaded.units()).isEqualTo(9);
        assertThat(reloaded.bestBalance()).isEqualTo(BigInteger.valueOf(45));
        assertThat(reloaded.unpaidUnits()).isEqualTo(7);
        assertThat(reloaded.state()).isEqualTo(ChannelAccount.State.SUSPENDED);
        assertThat(reloaded.suspendedTooLongAt()).contains(review.plusSeconds(300));
        assertThat(reloaded.decideAt(review.plusSeconds(300))).isEqualTo(ServiceDecision.terminate(TerminationCause.SUSPENDED_TOO_LONG));
        assertThat(reloaded.lastUsageAt()).contains(OPENED.plusSeconds(120));
    }

    @Test
    void aCloseRequestIsKeptWithTheClaimAndTheAnswer() {
        Channel channel = opened();
        ChannelAccount account = channel.account(TERMS);
        account.recordUnits(2, OPENED.plusSeconds(10));
        account.acceptCheque(new Cheque(KEY, BigInteger.valueOf(45), "0x" + "00".repeat(65)), BY_CONSUMER);
        account.closeRequested(BigInteger.valueOf(5));
        channel.keep(account);

        ChannelAccount reloaded = channel.account(TERMS);
        assertThat(reloaded.claimedAtClose()).contains(BigInteger.valueOf(5));
        assertThat(reloaded.terminationCause()).contains(TerminationCause.DISPUTE_SETTLED);
        assertThat(reloaded.closeAnswer()).map(Cheque::balance).contains(BigInteger.valueOf(45));
        assertThat(channel.claimedAtClose()).contains(BigInteger.valueOf(5));
        assertThat(channel.bestCheque()).map(Cheque::balance).contains(BigInteger.valueOf(45));
    }
}
