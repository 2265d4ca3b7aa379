package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.wallet.ChainWallet;
import io.tollway.ear.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;

import static io.tollway.ear.support.AgreementDriver.BILLING_INTERVAL;
import static io.tollway.ear.support.AgreementDriver.SETUP_FEE;
import static io.tollway.ear.support.AgreementDriver.SUSPENSION_GRACE;
import static io.tollway.ear.support.AgreementDriver.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way an escrow agreement ends, on the deployed EAR with the chain: each cause is reached
 * through the processes, and the escrow ends on chain as the cause demands (rejected, cancelled,
 * stopped or out of funds).
 */
@ExtendWith(ArquillianExtension.class)
class AgreementEndingsIT {

    private final AgreementDriver driver = new AgreementDriver();

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @AfterEach
    void disarmFaults() {
        driver.admin.delete("/api/v1/test-support/faults");
    }

    private String onChainStatus(JsonNode agreement) {
        return agreement.at("/balances/onChain/status").asText();
    }

    @Test
    void anApproverRejectsWithAReasonAndTheEscrowIsRejectedOnChain() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        String task = driver.approvalTaskOf(id);

        assertProblem(driver.approver.post("/api/v1/approval-tasks/" + task + "/decision", "{\"approved\":false}"), 400, "invalid-request");
        assertThat(driver.approver.post("/api/v1/approval-tasks/" + task + "/decision",
                "{\"approved\":false,\"reason\":\"no capacity in that region\"}").status()).isEqualTo(204);

        JsonNode ended = driver.awaitTerminated(id, "REJECTED");
        assertThat(onChainStatus(ended)).isEqualTo("Rejected");
        assertThat(ended.get("history").findValuesAsText("reason")).contains("rejected by the provider: no capacity in that region");
    }

    @Test
    void theConsumerRejectsThroughTheApi() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);

        assertProblem(driver.consumer.post("/api/v1/agreements/" + id + "/approval", "{\"decision\":\"REJECT\"}"), 400, "invalid-request");
        assertThat(driver.consumer.post("/api/v1/agreements/" + id + "/approval",
                "{\"decision\":\"REJECT\",\"reason\":\"found a cheaper one\"}").status()).isEqualTo(200);

        JsonNode ended = driver.awaitTerminated(id, "REJECTED");
        assertThat(onChainStatus(ended)).isEqualTo("Rejected");
        assertThat(ended.get("history").findValuesAsText("reason")).contains("rejected by the consumer: found a cheaper one");
    }

    @Test
    void noDepositBeforeTheDeadlineCancelsTheEscrow() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvedByBoth(id, wallet);

        driver.passTime(86_400 + 60);

        JsonNode ended = driver.awaitTerminated(id, "DEPOSIT_TIMEOUT");
        assertThat(onChainStatus(ended)).isEqualTo("Cancelled");
    }

    @Test
    void aFailedProvisioningStopsTheEscrowAndLeavesTheDepositToTheConsumer() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvedByBoth(id, wallet);
        assertThat(driver.admin.post("/api/v1/test-support/faults", "{\"point\":\"demo-provider.provision:" + id + "\",\"times\":1}")
                .status()).isEqualTo(200);

        driver.deposit(id, wallet, SETUP_FEE.add(BigInteger.valueOf(36_000)));

        JsonNode ended = driver.awaitTerminated(id, "PROVISIONING_FAILED");
        assertThat(onChainStatus(ended)).isEqualTo("Stopped");
        assertThat(ended.at("/provisioning/state").asText()).isEqualTo("FAILED");
        assertThat(ended.at("/wallet/calls/0/purpose").asText()).isEqualTo("withdraw the refund");
    }

    @Test
    void aBillTheDepositCannotCoverEndsTheAgreementOutOfFunds() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvedByBoth(id, wallet);
        driver.deposit(id, wallet, SETUP_FEE.add(BigInteger.valueOf(5_000)));
        driver.awaitStatus(id, "ACTIVE");

        driver.passTime(BILLING_INTERVAL + 5);

        JsonNode ended = driver.awaitTerminated(id, "OUT_OF_FUNDS");
        assertThat(onChainStatus(ended)).isEqualTo("OutOfFunds");
        JsonNode bills = driver.bills(id);
        assertThat(bills).hasSize(1);
        assertThat(bills.at("/0/state").asText()).isEqualTo("OUT_OF_FUNDS");
        assertThat(bills.at("/0/paid").asText()).as("what was left").isEqualTo("5000");
        assertThat(ended.at("/balances/onChain/remaining").asText()).isEqualTo("0");
    }

    @Test
    void aSuspensionPastItsGraceEndsTheAgreement() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvedByBoth(id, wallet);
        driver.deposit(id, wallet, SETUP_FEE.add(BigInteger.valueOf(40_000)));
        driver.awaitStatus(id, "ACTIVE");
        driver.passTime(BILLING_INTERVAL + 5);
        driver.awaitStatus(id, "SUSPENDED");

        driver.passTime(SUSPENSION_GRACE + 5);

        JsonNode ended = driver.awaitTerminated(id, "SUSPENDED_TOO_LONG");
        assertThat(onChainStatus(ended)).isEqualTo("Stopped");
    }

    @Test
    void theProviderStopsAnActiveAgreement() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvedByBoth(id, wallet);
        driver.deposit(id, wallet, SETUP_FEE.add(BigInteger.valueOf(72_000)));
        driver.awaitStatus(id, "ACTIVE");

        assertProblem(driver.approver.post("/api/v1/agreements/" + id + "/stop", "{}"), 403, "forbidden");
        assertThat(driver.provider.post("/api/v1/agreements/" + id + "/stop", "{}").status()).isEqualTo(202);

        JsonNode ended = driver.awaitTerminated(id, "STOPPED_BY_PROVIDER");
        assertThat(onChainStatus(ended)).isEqualTo("Stopped");
        assertProblem(driver.consumer.post("/api/v1/agreements/" + id + "/stop", "{}"), 409, "illegal-transition");
    }

    @Test
    void anotherTenantSeesNothingAndCannotAct() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        Api other = driver.admin.as(Api.OTHER_CONSUMER);

        assertProblem(other.get("/api/v1/agreements/" + id), 404, "not-found");
        assertProblem(other.post("/api/v1/agreements/" + id + "/stop", "{}"), 404, "not-found");
        assertProblem(other.post("/api/v1/agreements/" + id + "/approval", "{\"decision\":\"REJECT\",\"reason\":\"x\"}"), 404, "not-found");
        assertThat(other.get("/api/v1/agreements").json().get("items").findValuesAsText("id")).doesNotContain(id);
        assertThat(driver.agreement(id).get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    }
}
