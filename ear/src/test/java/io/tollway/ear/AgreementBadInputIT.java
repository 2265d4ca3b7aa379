package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.wallet.ChainWallet;
import io.tollway.ear.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.tollway.ear.support.AgreementDriver.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every agreement endpoint is answered with a 4xx problem, never a 5xx, and changes
 * nothing: malformed JSON, missing and out-of-range fields, unknown ids, wrong roles, no key or a
 * wrong one, a public key that is not the consumer's.
 */
@ExtendWith(ArquillianExtension.class)
class AgreementBadInputIT {

    private final AgreementDriver driver = new AgreementDriver();

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    private long agreements() {
        return driver.admin.get("/api/v1/agreements?limit=1").json().get("total").asLong();
    }

    @Test
    void badRequestsForAnAgreementAreRefusedAndCreateNothing() {
        String offering = driver.publishedOffering();
        ChainWallet wallet = driver.wallet();
        long before = agreements();
        String good = "\",\"consumerAddress\":\"" + wallet.address() + "\",\"consumerPublicKey\":\"" + wallet.publicKeyHex() + "\"}";

        assertProblem(driver.consumer.post("/api/v1/agreements", "{\"offeringId\":"), 400, "malformed-json");
        assertProblem(driver.consumer.post("/api/v1/agreements", ""), 400, "invalid-request");
        assertProblem(driver.consumer.post("/api/v1/agreements", "{}"), 400, "invalid-request");
        assertProblem(driver.consumer.post("/api/v1/agreements", "{\"offeringId\":\"no-such-offering" + good), 404, "not-found");
        assertProblem(driver.consumer.post("/api/v1/agreements", "{\"offeringId\":\"" + offering
                + "\",\"consumerAddress\":\"0x123\",\"consumerPublicKey\":\"" + wallet.publicKeyHex() + "\"}"), 400, "invalid-request");
        // another wallet's public key: credentials sealed to it would be lost to the consumer
        ChainWallet other = driver.wallet(3);
        assertProblem(driver.consumer.post("/api/v1/agreements", "{\"offeringId\":\"" + offering
                + "\",\"consumerAddress\":\"" + wallet.address() + "\",\"consumerPublicKey\":\"" + other.publicKeyHex() + "\"}"), 400, "invalid-request");
        assertProblem(driver.provider.post("/api/v1/agreements", "{\"offeringId\":\"" + offering + good), 403, "forbidden");
        assertProblem(driver.admin.as(null).post("/api/v1/agreements", "{\"offeringId\":\"" + offering + good), 401, "unauthenticated");
        assertProblem(driver.admin.as("not-a-key").post("/api/v1/agreements", "{\"offeringId\":\"" + offering + good), 401, "unauthenticated");
        assertProblem(driver.admin.as(null).get("/api/v1/agreements"), 401, "unauthenticated");

        assertThat(agreements()).isEqualTo(before);
    }

    @Test
    void badRequestsOnAnAgreementAreRefusedAndChangeNothing() {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        String path = "/api/v1/agreements/" + id;

        assertProblem(driver.consumer.get("/api/v1/agreements/no-such-agreement"), 404, "not-found");
        assertProblem(driver.consumer.get("/api/v1/agreements?limit=0"), 400, "invalid-request");
        assertProblem(driver.consumer.get("/api/v1/agreements?offset=-1"), 400, "invalid-request");
        for (String list : List.of("/bills", "/cheques", "/transactions")) {
            assertProblem(driver.consumer.get("/api/v1/agreements/no-such-agreement" + list), 404, "not-found");
            assertProblem(driver.consumer.get(path + list + "?limit=0"), 400, "invalid-request");
            assertProblem(driver.consumer.get(path + list + "?limit=201"), 400, "invalid-request");
            assertProblem(driver.consumer.get(path + list + "?offset=-1"), 400, "invalid-request");
            assertProblem(driver.consumer.get(path + list + "?limit=ten"), 404, "not-found");
        }
        assertProblem(driver.consumer.post(path + "/approval", "{\"decision\":"), 400, "malformed-json");
        assertProblem(driver.consumer.post(path + "/approval", "{\"decision\":\"MAYBE\"}"), 400, "invalid-request");
        assertProblem(driver.consumer.post(path + "/approval", "{\"decision\":\"APPROVE\"}"), 400, "invalid-request");
        assertProblem(driver.consumer.post(path + "/approval", "{\"decision\":\"APPROVE\",\"termsHash\":\"0xabc\"}"), 400, "invalid-request");
        assertProblem(driver.provider.post(path + "/approval", "{\"decision\":\"REJECT\",\"reason\":\"x\"}"), 403, "forbidden");
        assertProblem(driver.provider.post(path + "/usage", "{\"idempotencyKey\":\"k\",\"amount\":\"10\"}"), 409, "illegal-transition");
        assertProblem(driver.provider.post(path + "/usage", "{\"idempotencyKey\":\"k\",\"amount\":\"-10\"}"), 400, "invalid-request");
        assertProblem(driver.provider.post(path + "/usage", "{\"idempotencyKey\":\"k\",\"amount\":\"ten\"}"), 400, "invalid-request");
        assertProblem(driver.provider.post(path + "/usage", "{\"amount\":\"10\"}"), 400, "invalid-request");
        assertProblem(driver.consumer.post(path + "/usage", "{\"idempotencyKey\":\"k\",\"amount\":\"10\"}"), 403, "forbidden");
        String report = "{\"agreementId\":\"" + id + "\",\"idempotencyKey\":\"k\",\"amount\":\"10\"}";
        assertProblem(driver.provider.post("/api/v1/usage", "{\"reports\":["), 400, "malformed-json");
        assertProblem(driver.provider.post("/api/v1/usage", "{}"), 400, "invalid-request");
        assertProblem(driver.provider.post("/api/v1/usage", "{\"reports\":[]}"), 400, "invalid-request");
        assertProblem(driver.provider.post("/api/v1/usage", "{\"reports\":[" + String.join(",", java.util.Collections.nCopies(501, report)) + "]}"),
                400, "invalid-request");
        Api.Reply unnamed = driver.provider.post("/api/v1/usage", "{\"reports\":[" + report + ",{\"idempotencyKey\":\"k\",\"amount\":\"10\"}]}");
        assertProblem(unnamed, 400, "invalid-request");
        assertThat(unnamed.json().get("detail").asText()).contains("reports[1].agreementId");
        assertProblem(driver.provider.post("/api/v1/usage", "{\"reports\":[" + report.replace("\"10\"", "\"-10\"") + "]}"), 400, "invalid-request");
        assertProblem(driver.consumer.post("/api/v1/usage", "{\"reports\":[" + report + "]}"), 403, "forbidden");
        JsonNode notLive = driver.provider.post("/api/v1/usage", "{\"reports\":[" + report + "]}").json();
        assertThat(AgreementDriver.statuses(notLive)).containsExactly("409");
        assertThat(notLive.at("/results/0/problem/type").asText()).endsWith("/illegal-transition");
        assertProblem(driver.provider.post(path + "/provisioning", "{\"command\":\"EXPLODE\",\"succeeded\":true}"), 400, "invalid-request");
        assertProblem(driver.provider.post(path + "/provisioning", "{\"command\":\"PROVISION\"}"), 400, "invalid-request");
        assertProblem(driver.admin.as(Api.OTHER_CONSUMER).post(path + "/provisioning",
                "{\"command\":\"PROVISION\",\"succeeded\":true}"), 403, "forbidden");
        assertProblem(driver.approver.post("/api/v1/approval-tasks/no-such-task/decision", "{\"approved\":true}"), 404, "not-found");
        assertProblem(driver.approver.post("/api/v1/approval-tasks/no-such-task/decision", "{}"), 400, "invalid-request");
        assertProblem(driver.consumer.get("/api/v1/approval-tasks"), 403, "forbidden");

        assertThat(driver.agreement(id).get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(driver.agreement(id).get("consumerApproved").asBoolean()).isFalse();
    }
}
