package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.devkit.Anvil;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.ConsumerWallet;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.TestEnvironment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole life of an escrow-billed agreement on the deployed EAR, PostgreSQL and anvil: the
 * consumer (its own wallet) requests, both parties approve, the consumer deposits, the built-in
 * demo provider provisions, bills run at the billing interval as the chain's and the engine's
 * clocks move, usage within the cap is billed and usage over it refused, a low balance suspends
 * and a top-up resumes, and a stop settles. At the end the chain, the off-chain ledger and the
 * formula agree to the last unit.
 */
@ExtendWith(ArquillianExtension.class)
class EscrowAgreementLifeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Per hour, in token units: base 36,000 (10 a second), usage cap 72,000 (20 a second). */
    private static final String TERMS = "{\"setupFee\":\"1000\",\"baseFeePerHour\":\"36000\",\"variableFeePerHour\":\"72000\","
            + "\"lockupSeconds\":0,\"uptimeArbitration\":false}";
    private static final BigInteger SETUP_FEE = BigInteger.valueOf(1000);
    private static final BigInteger BASE_PER_HOUR = BigInteger.valueOf(36_000);
    /** Set for the test servers (TestEnvironment): bills every 20 minutes. */
    private static final long BILLING_INTERVAL = 1200;

    private final Api admin = new Api(TestEnvironment.baseUrl());
    private final Api consumer = admin.as(Api.CONSUMER);
    private final Api provider = admin.as(Api.PROVIDER);
    private final Api approver = admin.as(Api.APPROVER);

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    private String publishedOffering() {
        Api.Reply submitted = admin.post("/api/v1/offerings", "{\"providerId\":\"demo-provider\",\"name\":\"VPN " + UUID.randomUUID()
                + "\",\"settlementModel\":\"ESCROW\",\"escrow\":" + TERMS + "}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().get("id").asText();
        assertThat(approver.post("/api/v1/review-tasks/" + admin.reviewTaskOf(id) + "/decision", "{\"approved\":true}").status())
                .isEqualTo(204);
        await().atMost(DEADLINE).until(() -> admin.offering(id).get("status").asText().equals("PUBLISHED"));
        return id;
    }

    private JsonNode agreement(String id) {
        Api.Reply reply = consumer.get("/api/v1/agreements/" + id + "?chain=true");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode awaitStatus(String id, String status) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(agreement(id).get("status").asText()).isEqualTo(status));
        return agreement(id);
    }

    private void awaitBills(String id, int count) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode bills = agreement(id).get("bills");
            assertThat(bills).hasSize(count);
            bills.forEach(bill -> assertThat(bill.get("state").asText()).isNotEqualTo("PENDING"));
        });
    }

    /** Both clocks move: the chain's (next block's time) and the engine's (its timers fall due). */
    private void passTime(long seconds) {
        Anvil anvil = TestEnvironment.anvil();
        anvil.increaseTime(seconds);
        anvil.mine();
        Api.Reply moved = admin.post("/api/v1/test-support/clock", "{\"seconds\":" + seconds + "}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private ConsumerWallet wallet() {
        return new ConsumerWallet(TestEnvironment.anvil().rpcUrl(), Anvil.DEV_PRIVATE_KEYS.get(1), Anvil.CHAIN_ID);
    }

    private void sendWalletCalls(ConsumerWallet wallet, JsonNode agreement, String purposePrefix) {
        List<String> sent = new ArrayList<>();
        for (JsonNode call : agreement.at("/wallet/calls")) {
            if (call.get("purpose").asText().startsWith(purposePrefix)) {
                wallet.send(call.get("to").asText(), call.get("data").asText());
                sent.add(call.get("purpose").asText());
            }
        }
        assertThat(sent).as("wallet calls for " + purposePrefix + " in " + agreement.get("wallet")).isNotEmpty();
    }

    @Test
    void anEscrowAgreementLivesFromRequestToSettlementAndTheLedgersAgree() {
        String offering = publishedOffering();
        ConsumerWallet wallet = wallet();
        String token = admin.get("/api/v1/chain").json().at("/contracts/TestToken").asText();
        wallet.mint(token, BigInteger.valueOf(1_000_000));

        // request: the escrow agreement is created on chain with the offering's terms
        Api.Reply requested = consumer.post("/api/v1/agreements", "{\"offeringId\":\"" + offering + "\",\"consumerAddress\":\""
                + wallet.address() + "\",\"consumerPublicKey\":\"" + wallet.publicKey() + "\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().get("id").asText();
        JsonNode awaiting = awaitStatus(id, "AWAITING_APPROVAL");
        assertThat(awaiting.get("onChainId").asText()).isNotBlank();
        assertThat(admin.as(Api.OTHER_CONSUMER).get("/api/v1/agreements/" + id).status()).isEqualTo(404);

        // both approve: the approver in the task list, the consumer through the API and its wallet
        String task = approvalTaskOf(id);
        assertThat(approver.post("/api/v1/approval-tasks/" + task + "/decision", "{\"approved\":true}").status()).isEqualTo(204);
        Api.Reply approved = consumer.post("/api/v1/agreements/" + id + "/approval",
                "{\"decision\":\"APPROVE\",\"termsHash\":\"" + awaiting.get("termsHash").asText() + "\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        sendWalletCalls(wallet, approved.json(), "approve");
        JsonNode awaitingDeposit = awaitStatus(id, "AWAITING_DEPOSIT");

        // deposit: the setup fee and two hours of fees; the demo provider provisions at once
        BigInteger deposit = SETUP_FEE.add(BigInteger.valueOf(72_000));
        String escrow = awaitingDeposit.at("/wallet/escrow").asText();
        wallet.allow(token, escrow, deposit);
        wallet.deposit(escrow, awaitingDeposit.get("onChainId").asText(), deposit);
        JsonNode active = awaitStatus(id, "ACTIVE");
        assertThat(active.get("sealedCredentials").asText()).isNotBlank();
        assertThat(admin.get("/api/v1/agreements/" + id).json().path("sealedCredentials").asText(""))
                .as("only the consumer sees its sealed credentials").isEmpty();

        // usage: nothing may be charged for no time; within the cap after 15 minutes (cap 18,000)
        assertProblem(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-0\",\"amount\":\"5000\"}"),
                422, "usage-over-cap");
        passTime(900);
        assertThat(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-1\",\"amount\":\"5000\"}").status())
                .isEqualTo(201);
        assertThat(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-1\",\"amount\":\"5000\"}").status())
                .as("a replay").isEqualTo(201);
        assertProblem(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-1\",\"amount\":\"6000\"}"),
                409, "idempotency-key-reused");
        assertProblem(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-2\",\"amount\":\"20000\"}"),
                422, "usage-over-cap");

        // bill 1 after the interval: base for the time since activation, plus the usage
        passTime(BILLING_INTERVAL - 900 + 5);
        awaitBills(id, 1);
        JsonNode first = agreement(id).get("bills").get(0);
        assertThat(first.get("state").asText()).isEqualTo("PAID");
        assertThat(first.get("variableAmount").asText()).isEqualTo("5000");
        assertThat(new BigInteger(first.get("baseAmount").asText()))
                .isEqualTo(BASE_PER_HOUR.multiply(BigInteger.valueOf(first.get("billedSeconds").asLong())).divide(BigInteger.valueOf(3600)));

        // bill 2, then bill 3 leaves less than an hour of base fee: the service is suspended
        passTime(BILLING_INTERVAL + 5);
        awaitBills(id, 2);
        passTime(BILLING_INTERVAL + 5);
        awaitBills(id, 3);
        awaitStatus(id, "SUSPENDED");

        // a top-up resumes it
        BigInteger topUp = BigInteger.valueOf(50_000);
        wallet.allow(token, escrow, topUp);
        wallet.deposit(escrow, awaitingDeposit.get("onChainId").asText(), topUp);
        awaitStatus(id, "ACTIVE");

        // stop: deprovisioned, settled on chain
        assertThat(consumer.post("/api/v1/agreements/" + id + "/stop", "{}").status()).isEqualTo(202);
        JsonNode ended = awaitStatus(id, "TERMINATED");
        assertThat(ended.get("terminationCause").asText()).isEqualTo("STOPPED_BY_CONSUMER");

        // the ledgers agree: the chain's figures, the off-chain mirror, and deposits minus fees and bills
        JsonNode balances = ended.get("balances");
        assertThat(balances.at("/onChain/status").asText()).isEqualTo("Stopped");
        assertThat(balances.get("remaining").asText()).isEqualTo(balances.at("/onChain/remaining").asText());
        assertThat(balances.get("deposited").asText()).isEqualTo(deposit.add(topUp).toString());
        BigInteger billed = BigInteger.ZERO;
        for (JsonNode bill : ended.get("bills")) {
            BigInteger base = BASE_PER_HOUR.multiply(BigInteger.valueOf(bill.get("billedSeconds").asLong())).divide(BigInteger.valueOf(3600));
            assertThat(new BigInteger(bill.get("paid").asText())).isEqualTo(base.add(new BigInteger(bill.get("variableAmount").asText())));
            billed = billed.add(new BigInteger(bill.get("paid").asText()));
        }
        assertThat(balances.get("billed").asText()).isEqualTo(billed.toString());
        BigInteger settledAtStop = deposit.add(topUp).subtract(SETUP_FEE).subtract(billed).subtract(new BigInteger(balances.get("remaining").asText()));
        assertThat(settledAtStop).as("base fee from the last bill to the stop").isBetween(BigInteger.ZERO, BASE_PER_HOUR);
    }

    private String approvalTaskOf(String agreementId) {
        await().atMost(DEADLINE).until(() -> findTask(agreementId) != null);
        return findTask(agreementId);
    }

    private String findTask(String agreementId) {
        for (JsonNode task : approver.get("/api/v1/approval-tasks?limit=200").json()) {
            if (task.get("agreementId").asText().equals(agreementId)) {
                return task.get("id").asText();
            }
        }
        return null;
    }

    private static void assertProblem(Api.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).endsWith("/" + type);
    }
}
