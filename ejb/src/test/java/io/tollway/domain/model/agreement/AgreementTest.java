package io.tollway.domain.model.agreement;

import io.tollway.domain.model.offering.SettlementModel;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgreementTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 21, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final String CONSUMER_ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private static Agreement awaitingApproval() {
        Agreement agreement = Agreement.request("offering-1", "provider-1", "consumer-1", CONSUMER_ADDRESS,
                SettlementModel.ESCROW, "{\"baseFeePerHour\":100}", "0xaaa", T0);
        agreement.onChain("7");
        agreement.openApproval(T0.plusSeconds(5));
        return agreement;
    }

    @Test
    void bothApprovalsOfTheSameTermsBindThemOnceTheChainSaysSoAndTheAgreementAwaitsTheDeposit() {
        Agreement agreement = awaitingApproval();

        assertThat(agreement.approve(Party.CONSUMER, "0xaaa", T0.plusSeconds(10))).isFalse();
        assertThat(agreement.status()).isEqualTo(AgreementStatus.AWAITING_APPROVAL);
        assertThat(agreement.approve(Party.PROVIDER, "0xaaa", T0.plusSeconds(20))).isTrue();
        assertThat(agreement.status()).as("each party's word; the chain binds").isEqualTo(AgreementStatus.AWAITING_APPROVAL);
        agreement.approvedOnChain(T0.plusSeconds(30));

        assertThat(agreement.status()).isEqualTo(AgreementStatus.AWAITING_DEPOSIT);
        assertThat(agreement.consumerAddress()).isEqualTo(CONSUMER_ADDRESS.toLowerCase());
        assertThat(agreement.history()).extracting(StatusChange::to)
                .containsExactly(AgreementStatus.REQUESTED, AgreementStatus.AWAITING_APPROVAL, AgreementStatus.AWAITING_DEPOSIT);
    }

    /**
     * TFChain: fees could be changed after one party approved without resetting that approval
     * (DESIGN.md section 3). The contract's regression is SourceSystemDefectsTest
     * .feeChangeAfterOneApprovalResetsThatApproval, the end-to-end one TermsChangeIT.
     */
    @Test
    void aChangeOfTermsAfterOneApprovalResetsBothApprovals() {
        Agreement agreement = awaitingApproval();
        agreement.approve(Party.CONSUMER, "0xaaa", T0.plusSeconds(10));

        agreement.changeTerms("{\"baseFeePerHour\":200}", "0xbbb", T0.plusSeconds(15));

        assertThat(agreement.isApprovedBy(Party.CONSUMER)).isFalse();
        assertThat(agreement.approve(Party.PROVIDER, "0xbbb", T0.plusSeconds(20)))
                .as("the consumer's approval of the old terms does not count").isFalse();
        assertThatThrownBy(() -> agreement.approve(Party.CONSUMER, "0xaaa", T0.plusSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the agreement's current terms");
        assertThat(agreement.approve(Party.CONSUMER, "0xbbb", T0.plusSeconds(40))).isTrue();
        assertThat(agreement.history()).extracting(StatusChange::reason).contains("terms changed to 0xbbb; approvals reset");
    }

    @Test
    void termsChangedBackToEarlierOnesAreANewRound() {
        Agreement agreement = awaitingApproval();
        assertThat(agreement.termsRound()).isEqualTo(1);

        agreement.changeTerms("{\"baseFeePerHour\":200}", "0xbbb", T0.plusSeconds(10));
        agreement.approve(Party.PROVIDER, "0xbbb", T0.plusSeconds(20));
        agreement.changeTerms("{\"baseFeePerHour\":100}", "0xaaa", T0.plusSeconds(30));

        assertThat(agreement.termsHash()).as("the first terms' hash again").isEqualTo("0xaaa");
        assertThat(agreement.termsRound()).isEqualTo(3);
        assertThat(agreement.isApprovedBy(Party.PROVIDER)).isFalse();
        assertThat(agreement.history()).extracting(StatusChange::reason)
                .containsSubsequence("terms changed to 0xbbb", "terms changed to 0xaaa; approvals reset");
        assertThat(agreement.history()).filteredOn(StatusChange::isTermsChange).hasSize(2)
                .allSatisfy(change -> assertThat(change.to()).isEqualTo(AgreementStatus.AWAITING_APPROVAL));
    }

    @Test
    void termsCannotChangeOnceBothApprovedOnChain() {
        Agreement agreement = awaitingApproval();
        agreement.approvedOnChain(T0.plusSeconds(10));

        assertThatThrownBy(() -> agreement.changeTerms("{\"baseFeePerHour\":200}", "0xbbb", T0.plusSeconds(20)))
                .isInstanceOf(IllegalAgreementTransition.class).hasMessageContaining("AWAITING_DEPOSIT");
        assertThat(agreement.termsHash()).isEqualTo("0xaaa");
        assertThat(agreement.termsRound()).isEqualTo(1);
    }

    @Test
    void aRejectionIsRecordedWithItsReasonAndTheTerminationEndsTheAgreementAsRejected() {
        Agreement agreement = awaitingApproval();

        agreement.rejected(Party.PROVIDER, "capacity exhausted", T0.plusSeconds(10));
        assertThat(agreement.history().get(agreement.history().size() - 1).reason())
                .isEqualTo("rejected by the provider: capacity exhausted");
        assertThatThrownBy(() -> agreement.rejected(Party.CONSUMER, " ", T0.plusSeconds(11))).isInstanceOf(IllegalArgumentException.class);
        agreement.beginTermination(TerminationCause.REJECTED, T0.plusSeconds(12));
        agreement.terminate(TerminationCause.REJECTED, null, T0.plusSeconds(20));

        assertThat(agreement.status()).isEqualTo(AgreementStatus.TERMINATED);
        assertThat(agreement.terminationCause()).isEqualTo(TerminationCause.REJECTED);
        assertThatThrownBy(() -> agreement.approve(Party.CONSUMER, "0xaaa", T0.plusSeconds(30)))
                .isInstanceOf(IllegalAgreementTransition.class);
    }

    @Test
    void aLiveAgreementIsSuspendedResumedAndEndsThroughTermination() {
        Agreement agreement = awaitingApproval();
        agreement.approve(Party.CONSUMER, "0xaaa", T0);
        agreement.approve(Party.PROVIDER, "0xaaa", T0);
        agreement.approvedOnChain(T0.plusSeconds(30));
        agreement.depositReceived(T0.plusSeconds(60));
        agreement.activate(T0.plusSeconds(70));

        agreement.suspend("balance low", T0.plusSeconds(3600));
        agreement.activate(T0.plusSeconds(4000));
        agreement.beginTermination(TerminationCause.STOPPED_BY_CONSUMER, T0.plusSeconds(5000));

        assertThatThrownBy(() -> agreement.terminate(TerminationCause.OUT_OF_FUNDS, null, T0.plusSeconds(5100)))
                .isInstanceOf(IllegalStateException.class);
        agreement.terminate(TerminationCause.STOPPED_BY_CONSUMER, "settled", T0.plusSeconds(5200));
        assertThat(agreement.status()).isEqualTo(AgreementStatus.TERMINATED);
        assertThat(agreement.terminationCause()).isEqualTo(TerminationCause.STOPPED_BY_CONSUMER);
        assertThat(agreement.history()).extracting(StatusChange::reason).contains("resumed", "balance low");
    }

    @Test
    void stepsOutOfOrderAreRefusedAndLeaveTheAgreementAsItWas() {
        Agreement agreement = awaitingApproval();

        assertThatThrownBy(() -> agreement.activate(T0)).isInstanceOf(IllegalAgreementTransition.class)
                .hasMessageContaining("AWAITING_APPROVAL");
        assertThatThrownBy(() -> agreement.depositReceived(T0)).isInstanceOf(IllegalAgreementTransition.class);
        assertThat(agreement.status()).isEqualTo(AgreementStatus.AWAITING_APPROVAL);
        assertThat(agreement.history()).hasSize(2);
    }

    @Test
    void onlyItsTwoPartiesConcernTheAgreement() {
        Agreement agreement = awaitingApproval();

        assertThat(agreement.concerns("consumer-1")).isTrue();
        assertThat(agreement.concerns("provider-1")).isTrue();
        assertThat(agreement.concerns("consumer-2")).isFalse();
    }

    @Test
    void aRequestNeedsAConsumerAddress() {
        assertThatThrownBy(() -> Agreement.request("o", "p", "c", "0x123", SettlementModel.CHANNEL, "{}", "0x1", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consumerAddress");
    }
}
