package io.tollway.contracts;

import static io.tollway.contracts.support.ContractErrors.assertReverts;
import static io.tollway.contracts.support.Tollway.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.support.Agreements;
import io.tollway.contracts.support.Agreements.Terms;
import io.tollway.contracts.support.ChainTest;
import io.tollway.contracts.support.Party;
import io.tollway.contracts.support.Status;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** ServiceEscrow: stop by either party, the lockup (notice) period, refunds and provider withdrawals. */
class EscrowEndingTest extends ChainTest {

    private static final Terms TERMS = Terms.of(tokens(1), tokens(36), tokens(72));
    private static final byte[] REF = Hash.sha3("ref".getBytes());

    private final Agreements agreements = new Agreements(tollway);

    private ServiceEscrow as(Party party) {
        return tollway.escrow(party);
    }

    private long lastBill(BigInteger id) throws Exception {
        return agreements.view(id).lastBillAt.longValueExact();
    }

    @Test
    void consumerStopSettlesWhatIsOwedUpToNowAndRefundsTheRest() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(50));
        chain.setNextBlockTimestamp(lastBill(id) + 900);
        TransactionReceipt receipt = as(consumer).stop(id).send();
        assertThat(as(consumer).getAgreementStoppedEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.by).isEqualToIgnoringCase(consumer.address());
            assertThat(e.settled).isEqualTo(tokens(9));
            assertThat(e.remaining).isEqualTo(tokens(40));
        });
        assertThat(agreements.status(id)).isEqualTo(Status.STOPPED);

        BigInteger before = tollway.balanceOf(consumer.address());
        TransactionReceipt refund = as(consumer).withdrawRefund(id).send();
        assertThat(as(consumer).getRefundWithdrawnEvents(refund).get(0).amount).isEqualTo(tokens(40));
        assertThat(tollway.balanceOf(consumer.address())).isEqualTo(before.add(tokens(40)));
        assertReverts("NothingToWithdraw", as(consumer), consumer, as(consumer).withdrawRefund(id));
        assertThat(agreements.view(id).refunded).isEqualTo(tokens(40));
    }

    @Test
    void providerMayStopToo() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(50));
        chain.setNextBlockTimestamp(lastBill(id) + 100);
        TransactionReceipt receipt = as(provider).stop(id).send();
        assertThat(as(provider).getAgreementStoppedEvents(receipt).get(0).settled).isEqualTo(tokens(1));
        assertThat(agreements.status(id)).isEqualTo(Status.STOPPED);
    }

    @Test
    void stopPaysTheLockupPeriodOnTop() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS.withLockup(1800), tokens(50));
        chain.setNextBlockTimestamp(lastBill(id) + 600);
        TransactionReceipt receipt = as(consumer).stop(id).send();
        // 6 for ten minutes + 18 for the half-hour notice
        assertThat(as(consumer).getAgreementStoppedEvents(receipt).get(0).settled).isEqualTo(tokens(24));
        assertThat(agreements.view(id).remaining).isEqualTo(tokens(25));
    }

    @Test
    void billsNeverEatIntoTheLockupReserve() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS.withLockup(3600), tokens(47)); // 46 left, reserve 36
        chain.setNextBlockTimestamp(lastBill(id) + 600);
        as(provider).bill(id, tokens(4), REF).send(); // 10 -> 36 left, exactly the reserve
        assertThat(agreements.status(id)).isEqualTo(Status.ACTIVE);
        chain.setNextBlockTimestamp(lastBill(id) + 100);
        TransactionReceipt receipt = as(provider).bill(id, BigInteger.ZERO, REF).send(); // 1 more than available
        assertThat(as(provider).getOutOfFundsEvents(receipt).get(0).paid).isEqualTo(tokens(36));
        assertThat(agreements.status(id)).isEqualTo(Status.OUT_OF_FUNDS);
    }

    @Test
    void stopAfterMoreThanAnHourSettlesOneHour() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(50));
        chain.setNextBlockTimestamp(lastBill(id) + 5 * 3600);
        TransactionReceipt receipt = as(consumer).stop(id).send();
        assertThat(as(consumer).getAgreementStoppedEvents(receipt).get(0).settled).isEqualTo(tokens(36));
    }

    @Test
    void strangersCannotStopAndNothingStopsTwice() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(50));
        assertReverts("NotAParty", as(stranger), stranger, as(stranger).stop(id));
        as(consumer).stop(id).send();
        assertReverts("WrongStatus", as(provider), provider, as(provider).stop(id));
        assertReverts("WrongStatus", as(consumer), consumer, as(consumer).stop(id));
    }

    @Test
    void refundOnlyForTheConsumerAndOnlyAfterTheEnd() throws Exception {
        BigInteger id = agreements.active(consumer, provider, TERMS, tokens(50));
        assertReverts("WrongStatus", as(consumer), consumer, as(consumer).withdrawRefund(id));
        as(provider).stop(id).send();
        assertReverts("NotConsumer", as(provider), provider, as(provider).withdrawRefund(id));
        assertReverts("NotConsumer", as(stranger), stranger, as(stranger).withdrawRefund(id));
    }

    @Test
    void providerWithdrawsExactlyWhatItEarnedWheneverItLikes() throws Exception {
        BigInteger a = agreements.active(consumer, provider, TERMS, tokens(50));
        BigInteger b = agreements.active(chain.party(5), provider, TERMS, tokens(50));
        BigInteger before = tollway.balanceOf(provider.address());

        TransactionReceipt first = as(provider).withdrawEarnings().send();
        assertThat(as(provider).getEarningsWithdrawnEvents(first).get(0).amount).isEqualTo(tokens(2)); // two setup fees
        assertReverts("NothingToWithdraw", as(provider), provider, as(provider).withdrawEarnings());

        chain.setNextBlockTimestamp(lastBill(b) + 1200);
        as(provider).bill(b, tokens(3), REF).send(); // 12 + 3
        TransactionReceipt second = as(provider).withdrawEarnings().send();
        assertThat(as(provider).getEarningsWithdrawnEvents(second).get(0).amount).isEqualTo(tokens(15));
        assertThat(tollway.balanceOf(provider.address())).isEqualTo(before.add(tokens(17)));
        assertThat(as(provider).earningsOf(provider.address()).send().component2()).isEqualTo(tokens(17));
        assertReverts("NothingToWithdraw", as(stranger), stranger, as(stranger).withdrawEarnings());
        assertThat(agreements.status(a)).isEqualTo(Status.ACTIVE);
    }
}
