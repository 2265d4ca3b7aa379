package io.tollway.infrastructure.chain.escrow;

import io.tollway.infrastructure.chain.transaction.ContractCall;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscrowBillBatchingTest {

    private static final String ESCROW = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String OTHER_ESCROW = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    private static final String REF_1 = "0x" + "ab".repeat(32);
    private static final String REF_2 = "0x" + "0c".repeat(32);

    private final EscrowBillBatching batching = new EscrowBillBatching(Duration.ofSeconds(1));

    @Test
    void billsOfOneEscrowShareABatchAndOtherCallsGoAlone() {
        ContractCall bill = EscrowCalls.bill(ESCROW, BigInteger.ONE, BigInteger.TEN, REF_1);

        assertThat(batching.batchKey(bill)).contains("ServiceEscrow.bill@" + ESCROW);
        assertThat(batching.batchKey(EscrowCalls.bill(OTHER_ESCROW, BigInteger.ONE, BigInteger.TEN, REF_1)))
                .isNotEqualTo(batching.batchKey(bill));
        assertThat(batching.batchKey(EscrowCalls.billMany(ESCROW, List.of(new EscrowCalls.Bill(BigInteger.ONE, BigInteger.TEN, REF_1)))))
                .isEmpty();
        assertThat(batching.batchKey(EscrowCalls.stop(ESCROW, BigInteger.ONE))).isEmpty();
    }

    @Test
    void combinedBillsAreTheBillManyOfTheSameBillsInOrder() {
        ContractCall combined = batching.combine(List.of(
                EscrowCalls.bill(ESCROW, BigInteger.valueOf(7), BigInteger.valueOf(3600), REF_1),
                EscrowCalls.bill(ESCROW, BigInteger.valueOf(9), BigInteger.ZERO, REF_2)));

        assertThat(combined.sameAs(EscrowCalls.billMany(ESCROW, List.of(
                new EscrowCalls.Bill(BigInteger.valueOf(7), BigInteger.valueOf(3600), REF_1),
                new EscrowCalls.Bill(BigInteger.valueOf(9), BigInteger.ZERO, REF_2))))).isTrue();
        assertThat(combined.to()).isEqualTo(ESCROW);
    }

    @Test
    void refusesToCombineCallsOfAnotherEscrowOrKind() {
        ContractCall bill = EscrowCalls.bill(ESCROW, BigInteger.ONE, BigInteger.TEN, REF_1);

        assertThatThrownBy(() -> batching.combine(List.of(bill, EscrowCalls.bill(OTHER_ESCROW, BigInteger.TWO, BigInteger.TEN, REF_1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batching.combine(List.of(bill, EscrowCalls.stop(ESCROW, BigInteger.TWO))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batching.combine(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
