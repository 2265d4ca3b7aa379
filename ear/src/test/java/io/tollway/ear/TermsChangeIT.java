package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.devkit.Anvil;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.Deployments;
import io.tollway.infrastructure.chain.escrow.EscrowAgreementOnChain;
import io.tollway.infrastructure.chain.escrow.EscrowWalletCalls;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import io.tollway.wallet.ChainWallet;
import io.tollway.wallet.TransactionReverted;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static io.tollway.ear.support.AgreementDriver.DEADLINE;
import static io.tollway.ear.support.AgreementDriver.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The provider changes an agreement's terms while it awaits approval ({@code PUT
 * /agreements/{id}/terms}), on the deployed EAR, PostgreSQL and anvil: both approvals are reset
 * off chain and on chain, the approver's task is replaced, an approval of the old terms is refused,
 * and only the new terms can bind and be paid by.
 */
@ExtendWith(ArquillianExtension.class)
class TermsChangeIT {

    /** Twice the setup fee and base fee of the driver's offering, half its usage cap. */
    private static final String NEW_TERMS =
            "{\"setupFee\":\"2000\",\"baseFeePerHour\":\"72000\",\"variableFeePerHour\":\"36000\",\"lockupSeconds\":0}";
    private static final EscrowTerms NEW = new EscrowTerms(BigInteger.valueOf(2000), BigInteger.valueOf(72_000),
            BigInteger.valueOf(36_000), 0);
    private static final EscrowTerms OFFERED = new EscrowTerms(AgreementDriver.SETUP_FEE, AgreementDriver.BASE_PER_HOUR,
            BigInteger.valueOf(72_000), 0);

    private final AgreementDriver driver = new AgreementDriver();

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    private Api.Reply changeTerms(Api as, String id, String terms) {
        return as.put("/api/v1/agreements/" + id + "/terms", terms);
    }

    /**
     * The change as a client makes it: sent again while Tollway answers 409 "try again", which it
     * does when the approval moves on at that very moment (a chain step ending, a recheck timer).
     */
    private Api.Reply changeTermsOnceTaken(Api as, String id, String terms) {
        AtomicReference<Api.Reply> reply = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            reply.set(changeTerms(as, id, terms));
            return reply.get().status() != 409 || !reply.get().body().contains("try again");
        });
        return reply.get();
    }

    /** The new terms are on chain, with neither approval standing there. */
    private void awaitTermsOnChain(String id, EscrowTerms terms) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            EscrowAgreementOnChain onChain = driver.onChain(id);
            assertThat(onChain.terms()).contains(terms);
            assertThat(onChain.consumerApproved()).isFalse();
            assertThat(onChain.providerApproved()).isFalse();
        });
    }

    /**
     * TFChain: fees could be changed after one party approved without resetting that approval
     * (DESIGN.md section 3). Here the provider's approval, given in the task list and already on
     * chain, is reset with the change, off chain and on chain; the consumer cannot approve the old
     * terms by the API or on chain; the new terms are approved by both and are what the escrow
     * charges. The same defect's regressions below this one: AgreementTest
     * .aChangeOfTermsAfterOneApprovalResetsBothApprovals (domain) and SourceSystemDefectsTest
     * .feeChangeAfterOneApprovalResetsThatApproval (contract).
     */
    @Test
    void feeChangeAfterOneApprovalResetsThatApproval() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        String oldHash = driver.agreement(id).get("termsHash").asText();
        String oldChainHash = driver.onChainTermsHash(id);

        // the approver approves: recorded, and the provider's approval sent on chain
        String firstTask = driver.approvalTaskOf(id);
        assertThat(driver.approver.post("/api/v1/approval-tasks/" + firstTask + "/decision", "{\"approved\":true}").status())
                .isEqualTo(204);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> driver.onChain(id).providerApproved());
        assertThat(driver.agreement(id).get("providerApproved").asBoolean()).isTrue();

        // the provider raises the fees
        Api.Reply changed = changeTermsOnceTaken(driver.provider, id, NEW_TERMS);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode agreement = driver.agreement(id);
        String newHash = agreement.get("termsHash").asText();
        assertThat(newHash).isNotEqualTo(oldHash).isEqualTo(changed.json().get("termsHash").asText());
        assertThat(agreement.get("providerApproved").asBoolean()).as("the approver's approval is void").isFalse();
        assertThat(agreement.get("consumerApproved").asBoolean()).isFalse();
        assertThat(agreement.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(agreement.get("terms").asText()).contains("\"setupFee\":\"2000\"", "\"baseFeePerHour\":\"72000\"");
        JsonNode last = agreement.get("history").get(agreement.get("history").size() - 1);
        assertThat(last.get("reason").asText()).isEqualTo("terms changed to " + newHash + "; approvals reset");

        // the approver's task of the old terms is gone; a new one asks again
        assertProblem(driver.approver.post("/api/v1/approval-tasks/" + firstTask + "/decision", "{\"approved\":true}"), 404, "not-found");
        String newTask = driver.newApprovalTaskOf(id, firstTask);
        assertThat(newTask).isNotEqualTo(firstTask);
        assertThat(driver.agreement(id).get("activeSteps").toString()).contains("agreementApproval:approveAgreement");

        // the consumer cannot approve the old terms: not through the API, not on chain
        assertProblem(driver.consumer.post("/api/v1/agreements/" + id + "/approval",
                "{\"decision\":\"APPROVE\",\"termsHash\":\"" + oldHash + "\"}"), 400, "invalid-request");
        awaitTermsOnChain(id, NEW);
        assertThat(driver.onChainTermsHash(id)).isNotEqualTo(oldChainHash);
        ContractCall oldApproval = EscrowWalletCalls.approve(agreement.at("/wallet/contract").asText(),
                new BigInteger(agreement.get("onChainId").asText()), oldChainHash);
        assertThatThrownBy(() -> wallet.send(oldApproval.to(), oldApproval.dataHex(), BigInteger.ZERO, Anvil.CHAIN_ID))
                .isInstanceOf(TransactionReverted.class).hasMessageContaining("TermsMismatch");
        assertThat(driver.agreement(id).get("consumerApproved").asBoolean()).isFalse();

        // both approve the new terms; the deposit is taken by them
        driver.approvedByBoth(id, wallet);
        BigInteger deposit = NEW.setupFee().add(BigInteger.valueOf(144_000));
        driver.deposit(id, wallet, deposit);
        JsonNode active = driver.awaitStatus(id, "ACTIVE");
        EscrowAgreementOnChain onChain = driver.onChain(id);
        assertThat(onChain.terms()).contains(NEW);
        assertThat(onChain.remaining()).as("the new setup fee was charged").isEqualTo(deposit.subtract(NEW.setupFee()));
        assertThat(active.get("termsHash").asText()).isEqualTo(newHash);

        // once active, the terms are what both agreed
        Api.Reply late = changeTerms(driver.provider, id, NEW_TERMS.replace("\"2000\"", "\"3000\""));
        assertProblem(late, 409, "illegal-transition");
        assertThat(driver.agreement(id).get("termsHash").asText()).isEqualTo(newHash);
        assertThat(driver.onChain(id).terms()).contains(NEW);
    }

    @Test
    void theConsumersApprovalOfTheOldTermsIsResetToo() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        Api.Reply approved = driver.consumer.post("/api/v1/agreements/" + id + "/approval",
                "{\"decision\":\"APPROVE\",\"termsHash\":\"" + driver.agreement(id).get("termsHash").asText() + "\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        driver.sendWalletCalls(wallet, approved.json(), "approve");
        assertThat(driver.onChain(id).consumerApproved()).isTrue();

        // an admin changes them, for the provider
        assertThat(changeTermsOnceTaken(driver.admin, id, NEW_TERMS).status()).isEqualTo(200);

        assertThat(driver.agreement(id).get("consumerApproved").asBoolean()).isFalse();
        awaitTermsOnChain(id, NEW);
        JsonNode agreement = driver.agreement(id);
        assertThat(agreement.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(agreement.get("history").findValuesAsText("reason")).contains("terms changed to " + agreement.get("termsHash").asText()
                + "; approvals reset");
    }

    /**
     * Terms changed back to the first ones have the first terms' hash again: their chain steps
     * (set the terms, the provider's approval) must be sent again, not taken for the first round's.
     */
    @Test
    void termsChangedBackToTheFirstOnesAreSetAndApprovedOnChainAgain() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        String firstHash = driver.agreement(id).get("termsHash").asText();
        String firstTask = driver.approvalTaskOf(id);
        assertThat(driver.approver.post("/api/v1/approval-tasks/" + firstTask + "/decision", "{\"approved\":true}").status())
                .isEqualTo(204);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> driver.onChain(id).providerApproved());

        assertThat(changeTermsOnceTaken(driver.provider, id, NEW_TERMS).status()).isEqualTo(200);
        String secondTask = driver.newApprovalTaskOf(id, firstTask);
        awaitTermsOnChain(id, NEW);
        Api.Reply back = changeTermsOnceTaken(driver.provider, id, AgreementDriver.TERMS);
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().get("termsHash").asText()).isEqualTo(firstHash);
        driver.newApprovalTaskOf(id, secondTask);
        awaitTermsOnChain(id, OFFERED);

        driver.approvedByBoth(id, wallet);
        assertThat(driver.onChain(id).terms()).contains(OFFERED);
        List<String> reasons = driver.agreement(id).get("history").findValuesAsText("reason");
        assertThat(reasons.stream().filter(reason -> reason.startsWith("terms changed to "))).hasSize(2);
    }

    @Test
    void badChangesOfTermsAreRefusedAndChangeNothing() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        String task = driver.approvalTaskOf(id);
        JsonNode before = driver.agreement(id);
        String path = "/api/v1/agreements/" + id + "/terms";
        Api provider = driver.provider;

        assertProblem(provider.put(path, "{\"setupFee\":"), 400, "malformed-json");
        assertProblem(provider.put(path, "{\"setupFee\":\"1\",\"baseFeePerHour\":\"1\",\"variableFeePerHour\":\"1\",\"lockupSeconds\":\"soon\"}"),
                400, "malformed-json");
        assertProblem(provider.put(path, ""), 400, "invalid-request");
        assertProblem(provider.put(path, "{}"), 400, "invalid-terms");
        assertDetailStartsWith(provider.put(path, "{\"setupFee\":\"1000\",\"variableFeePerHour\":\"7200\"}"), "baseFeePerHour");
        assertDetailStartsWith(provider.put(path, "{\"setupFee\":\"1000\",\"baseFeePerHour\":\"0\",\"variableFeePerHour\":\"7200\"}"),
                "baseFeePerHour");
        assertDetailStartsWith(provider.put(path, "{\"setupFee\":\"-1\",\"baseFeePerHour\":\"3600\",\"variableFeePerHour\":\"7200\"}"),
                "setupFee");
        assertDetailStartsWith(provider.put(path, "{\"setupFee\":\"ten\",\"baseFeePerHour\":\"3600\",\"variableFeePerHour\":\"7200\"}"),
                "setupFee");
        assertDetailStartsWith(provider.put(path, "{\"setupFee\":\"1000\",\"baseFeePerHour\":\"3600\","
                + "\"variableFeePerHour\":\"79228162514264337593543950336\"}"), "variableFeePerHour");
        assertDetailStartsWith(provider.put(path, "{\"setupFee\":\"1000\",\"baseFeePerHour\":\"3600\",\"variableFeePerHour\":\"7200\","
                + "\"lockupSeconds\":4294967296}"), "lockupSeconds");
        assertDetailStartsWith(provider.put(path, "{\"setupFee\":\"1000\",\"baseFeePerHour\":\"3600\",\"variableFeePerHour\":\"7200\","
                + "\"lockupSeconds\":1.5}"), "lockupSeconds");
        assertDetailStartsWith(provider.put(path, "{\"setupFee\":\"1000\",\"baseFeePerHour\":\"3600\",\"variableFeePerHour\":\"7200\","
                + "\"uptimeArbitration\":true}"), "uptimeArbitration");

        // who may not: the consumers (a role that never changes terms), the approver, nobody; another provider's agreement
        assertProblem(driver.consumer.put(path, NEW_TERMS), 403, "forbidden");
        assertProblem(driver.admin.as(Api.OTHER_CONSUMER).put(path, NEW_TERMS), 403, "forbidden");
        assertProblem(driver.approver.put(path, NEW_TERMS), 403, "forbidden");
        assertProblem(driver.admin.as(null).put(path, NEW_TERMS), 401, "unauthenticated");
        assertProblem(provider.put("/api/v1/agreements/no-such-agreement/terms", NEW_TERMS), 404, "not-found");
        String othersAgreement = driver.awaitingApproval(driver.publishedOffering("provider-it"), wallet);
        assertProblem(provider.put("/api/v1/agreements/" + othersAgreement + "/terms", NEW_TERMS), 404, "not-found");
        assertThat(driver.agreement(othersAgreement).get("terms").asText()).doesNotContain("\"setupFee\":\"2000\"");

        // the same terms again: answered, nothing changed
        Api.Reply same = provider.put(path, AgreementDriver.TERMS);
        assertThat(same.status()).as(same.body()).isEqualTo(200);

        JsonNode after = driver.agreement(id);
        assertThat(after.get("termsHash").asText()).isEqualTo(before.get("termsHash").asText());
        assertThat(after.get("terms").asText()).isEqualTo(before.get("terms").asText());
        assertThat(after.get("history")).isEqualTo(before.get("history"));
        assertThat(after.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(driver.approvalTaskOf(id)).as("the approval went on undisturbed").isEqualTo(task);
        assertThat(driver.onChain(id).terms()).contains(OFFERED);
    }

    private static void assertDetailStartsWith(Api.Reply reply, String field) {
        assertProblem(reply, 400, "invalid-terms");
        assertThat(Optional.ofNullable(reply.json().get("detail")).map(JsonNode::asText).orElse("")).startsWith(field);
    }
}
