package io.tollway.contracts;

import static io.tollway.contracts.support.ContractErrors.assertReverts;
import static io.tollway.contracts.support.Tollway.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.support.Agreements;
import io.tollway.contracts.support.Agreements.Terms;
import io.tollway.contracts.support.ChainTest;
import io.tollway.contracts.support.Status;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** ServiceEscrow: creation, terms, metadata, readiness, approval by both parties, reject, cancel. */
class AgreementNegotiationTest extends ChainTest {

    private static final Terms TERMS = Terms.of(tokens(1), tokens(2), tokens(3));

    private final Agreements agreements = new Agreements(tollway);

    @Test
    void eitherPartyCreatesAnAgreement() throws Exception {
        TransactionReceipt byConsumer = tollway.escrow(consumer).createAgreement(consumer.address(), provider.address()).send();
        TransactionReceipt byProvider = tollway.escrow(provider).createAgreement(consumer.address(), provider.address()).send();

        ServiceEscrow.AgreementCreatedEventResponse first = tollway.escrow(consumer).getAgreementCreatedEvents(byConsumer).get(0);
        ServiceEscrow.AgreementCreatedEventResponse second = tollway.escrow(consumer).getAgreementCreatedEvents(byProvider).get(0);
        assertThat(first.id).isEqualTo(BigInteger.ONE);
        assertThat(first.creator).isEqualToIgnoringCase(consumer.address());
        assertThat(second.id).isEqualTo(BigInteger.TWO);
        assertThat(second.creator).isEqualToIgnoringCase(provider.address());
        assertThat(agreements.view(BigInteger.ONE).consumer).isEqualToIgnoringCase(consumer.address());
        assertThat(agreements.view(BigInteger.ONE).provider).isEqualToIgnoringCase(provider.address());
        assertThat(agreements.status(BigInteger.ONE)).isEqualTo(Status.CREATED);
        assertThat(tollway.escrow(consumer).lastAgreementId().send()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void thirdPartyCannotCreate() {
        assertReverts("NotAParty", tollway.escrow(stranger), stranger,
                tollway.escrow(stranger).createAgreement(consumer.address(), provider.address()));
    }

    @Test
    void consumerCannotBeItsOwnProvider() {
        assertReverts("SameParties", tollway.escrow(consumer), consumer,
                tollway.escrow(consumer).createAgreement(consumer.address(), consumer.address()));
        assertReverts("ZeroAddress", tollway.escrow(consumer), consumer,
                tollway.escrow(consumer).createAgreement(consumer.address(), Agreements.NO_ARBITER));
    }

    @Test
    void onlyTheProviderSetsTerms() throws Exception {
        BigInteger id = agreements.created(consumer, provider);
        assertReverts("NotProvider", tollway.escrow(consumer), consumer,
                tollway.escrow(consumer).setTerms(id, tokens(1), tokens(1), tokens(1), BigInteger.ZERO, Agreements.NO_ARBITER));
        assertReverts("NotProvider", tollway.escrow(stranger), stranger,
                tollway.escrow(stranger).setTerms(id, tokens(1), tokens(1), tokens(1), BigInteger.ZERO, Agreements.NO_ARBITER));
        assertReverts("InvalidTerms", tollway.escrow(provider), provider,
                tollway.escrow(provider).setTerms(id, BigInteger.TWO.pow(96), tokens(1), tokens(1), BigInteger.ZERO, Agreements.NO_ARBITER));
        assertReverts("AgreementNotFound", tollway.escrow(provider), provider,
                tollway.escrow(provider).setTerms(BigInteger.valueOf(99), tokens(1), tokens(1), tokens(1), BigInteger.ZERO, Agreements.NO_ARBITER));
    }

    @Test
    void eitherPartySetsMetadataButNoStranger() throws Exception {
        BigInteger id = agreements.created(consumer, provider);
        tollway.escrow(consumer).setMetadata(id, "from the consumer").send();
        tollway.escrow(provider).setMetadata(id, "from the provider").send();
        assertThat(tollway.escrow(consumer).metadataOf(id).send()).isEqualTo("from the provider");
        assertReverts("NotAParty", tollway.escrow(stranger), stranger, tollway.escrow(stranger).setMetadata(id, "mine"));
        assertReverts("InvalidMetadata", tollway.escrow(consumer), consumer, tollway.escrow(consumer).setMetadata(id, ""));
        assertReverts("InvalidMetadata", tollway.escrow(consumer), consumer, tollway.escrow(consumer).setMetadata(id, "x".repeat(257)));
    }

    @Test
    void readyOnlyWithMetadataAndPositiveBaseFee() throws Exception {
        BigInteger id = agreements.created(consumer, provider);
        agreements.setTerms(provider, id, Terms.of(tokens(1), BigInteger.ZERO, tokens(3)));
        tollway.escrow(consumer).setMetadata(id, "vpn").send();
        assertThat(agreements.status(id)).isEqualTo(Status.CREATED);
        byte[] hash = tollway.escrow(consumer).termsHash(id).send();
        assertReverts("WrongStatus", tollway.escrow(consumer), consumer, tollway.escrow(consumer).approve(id, hash));

        TransactionReceipt receipt = tollway.escrow(provider).setTerms(id, tokens(1), tokens(2), tokens(3),
                BigInteger.ZERO, Agreements.NO_ARBITER).send();
        assertThat(tollway.escrow(provider).getAgreementReadyEvents(receipt)).hasSize(1);
        assertThat(agreements.status(id)).isEqualTo(Status.READY);

        agreements.setTerms(provider, id, Terms.of(tokens(1), BigInteger.ZERO, tokens(3)));
        assertThat(agreements.status(id)).isEqualTo(Status.CREATED);
    }

    @Test
    void bothApprovalsOnTheSameTermsApprove() throws Exception {
        BigInteger id = agreements.ready(consumer, provider, TERMS);
        byte[] hash = tollway.escrow(consumer).termsHash(id).send();

        TransactionReceipt first = tollway.escrow(consumer).approve(id, hash).send();
        assertThat(tollway.escrow(consumer).getApprovalGivenEvents(first)).hasSize(1);
        assertThat(tollway.escrow(consumer).getAgreementApprovedEvents(first)).isEmpty();
        assertThat(agreements.status(id)).isEqualTo(Status.READY);
        assertReverts("AlreadyApproved", tollway.escrow(consumer), consumer, tollway.escrow(consumer).approve(id, hash));
        assertReverts("NotAParty", tollway.escrow(stranger), stranger, tollway.escrow(stranger).approve(id, hash));

        TransactionReceipt second = tollway.escrow(provider).approve(id, hash).send();
        assertThat(tollway.escrow(provider).getAgreementApprovedEvents(second)).singleElement()
                .satisfies(e -> assertThat(e.termsHash).isEqualTo(hash));
        assertThat(agreements.status(id)).isEqualTo(Status.APPROVED);
        assertReverts("WrongStatus", tollway.escrow(provider), provider,
                tollway.escrow(provider).setTerms(id, tokens(9), tokens(9), tokens(9), BigInteger.ZERO, Agreements.NO_ARBITER));
        assertReverts("WrongStatus", tollway.escrow(consumer), consumer, tollway.escrow(consumer).setMetadata(id, "changed"));
    }

    @Test
    void approvalOfStaleTermsIsRefused() throws Exception {
        BigInteger id = agreements.ready(consumer, provider, TERMS);
        byte[] stale = tollway.escrow(consumer).termsHash(id).send();
        agreements.setTerms(provider, id, Terms.of(tokens(1), tokens(5), tokens(3)));
        assertReverts("TermsMismatch", tollway.escrow(consumer), consumer, tollway.escrow(consumer).approve(id, stale));
    }

    @Test
    void metadataChangeResetsApprovals() throws Exception {
        BigInteger id = agreements.ready(consumer, provider, TERMS);
        tollway.escrow(provider).approve(id, tollway.escrow(provider).termsHash(id).send()).send();
        TransactionReceipt changed = tollway.escrow(consumer).setMetadata(id, "another service").send();
        assertThat(tollway.escrow(consumer).getApprovalsResetEvents(changed)).hasSize(1);
        assertThat(agreements.view(id).providerApproved).isFalse();
    }

    @Test
    void eitherPartyRejectsBeforeApproval() throws Exception {
        BigInteger byConsumer = agreements.ready(consumer, provider, TERMS);
        BigInteger byProvider = agreements.created(consumer, provider);
        assertReverts("NotAParty", tollway.escrow(stranger), stranger, tollway.escrow(stranger).reject(byConsumer));
        TransactionReceipt rejected = tollway.escrow(consumer).reject(byConsumer).send();
        assertThat(tollway.escrow(consumer).getAgreementRejectedEvents(rejected)).hasSize(1);
        tollway.escrow(provider).reject(byProvider).send();
        assertThat(agreements.status(byConsumer)).isEqualTo(Status.REJECTED);
        assertThat(agreements.status(byProvider)).isEqualTo(Status.REJECTED);
        assertReverts("WrongStatus", tollway.escrow(consumer), consumer,
                tollway.escrow(consumer).approve(byConsumer, tollway.escrow(consumer).termsHash(byConsumer).send()));
    }

    @Test
    void rejectAfterApprovalIsRefusedButCancelWorks() throws Exception {
        BigInteger id = agreements.approved(consumer, provider, TERMS);
        assertReverts("WrongStatus", tollway.escrow(consumer), consumer, tollway.escrow(consumer).reject(id));
        TransactionReceipt cancelled = tollway.escrow(provider).stop(id).send();
        assertThat(tollway.escrow(provider).getAgreementCancelledEvents(cancelled)).hasSize(1);
        assertThat(agreements.status(id)).isEqualTo(Status.CANCELLED);
        assertReverts("WrongStatus", tollway.escrow(consumer), consumer, tollway.escrow(consumer).deposit(id, tokens(10)));
        assertReverts("WrongStatus", tollway.escrow(consumer), consumer, tollway.escrow(consumer).stop(id));
    }
}
