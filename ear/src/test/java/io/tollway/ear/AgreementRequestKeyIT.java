package io.tollway.ear;

import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.Database;
import io.tollway.ear.support.Deployments;
import io.tollway.wallet.ChainWallet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.tollway.ear.support.AgreementDriver.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /agreements} with an {@code Idempotency-Key}: a request sent again (a lost answer, a
 * client's retry, the same request racing itself) makes one agreement with one setup process; the
 * same key for another request is refused; other consumers' keys are their own.
 */
@ExtendWith(ArquillianExtension.class)
class AgreementRequestKeyIT {

    private static final String KEY_HEADER = "Idempotency-Key";

    private final AgreementDriver driver = new AgreementDriver();

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    private static String body(String offeringId, ChainWallet wallet) {
        return body(offeringId, wallet.address(), wallet.publicKeyHex());
    }

    private static String body(String offeringId, String address, String publicKey) {
        return "{\"offeringId\":\"" + offeringId + "\",\"consumerAddress\":\"" + address + "\",\"consumerPublicKey\":\"" + publicKey + "\"}";
    }

    private long agreements() {
        return driver.admin.get("/api/v1/agreements?limit=1").json().get("total").asLong();
    }

    private static long setupProcesses(String agreementId) {
        return Database.count("select count(*) from act_hi_procinst where business_key_ = ? and proc_def_key_ = 'agreementSetup'",
                agreementId);
    }

    @Test
    void theSameRequestSentAgainIsAnsweredWithTheSameAgreement() {
        String offering = driver.publishedOffering();
        ChainWallet wallet = driver.wallet();
        String key = "order-" + UUID.randomUUID();

        Api.Reply first = driver.consumer.post("/api/v1/agreements", body(offering, wallet), KEY_HEADER, key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        String id = first.json().get("id").asText();
        long count = agreements();

        Api.Reply again = driver.consumer.post("/api/v1/agreements", body(offering, wallet), KEY_HEADER, key);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("id").asText()).isEqualTo(id);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        // the same request spelled otherwise (the address's letter case) is the same request
        Api.Reply spelled = driver.consumer.post("/api/v1/agreements",
                body(offering, wallet.address().toLowerCase(), wallet.publicKeyHex()), KEY_HEADER, key);
        assertThat(spelled.json().get("id").asText()).isEqualTo(id);

        assertThat(agreements()).isEqualTo(count);
        assertThat(setupProcesses(id)).isEqualTo(1);
        driver.awaitStatus(id, "AWAITING_APPROVAL");
        assertThat(Database.count("select count(*) from chain_transaction where subject = ? and step = 'create'", id))
                .as("one escrow on chain").isEqualTo(1);
    }

    @Test
    void theSameKeyForAnotherRequestIsRefusedAndCreatesNothing() {
        String offering = driver.publishedOffering();
        String otherOffering = driver.publishedOffering();
        ChainWallet wallet = driver.wallet();
        String key = "order-" + UUID.randomUUID();
        String id = driver.consumer.post("/api/v1/agreements", body(offering, wallet), KEY_HEADER, key).json().get("id").asText();
        long count = agreements();

        assertProblem(driver.consumer.post("/api/v1/agreements", body(otherOffering, wallet), KEY_HEADER, key), 409,
                "idempotency-key-reused");
        ChainWallet otherWallet = driver.wallet(3);
        assertProblem(driver.consumer.post("/api/v1/agreements", body(offering, otherWallet), KEY_HEADER, key), 409,
                "idempotency-key-reused");

        assertThat(agreements()).isEqualTo(count);
        assertThat(Database.count("select count(*) from agreement where request_key = ?", key)).isEqualTo(1);
        assertThat(driver.agreement(id).get("offeringId").asText()).isEqualTo(offering);
    }

    @Test
    void anotherConsumersSameKeyIsItsOwn() {
        String offering = driver.publishedOffering();
        String key = "order-" + UUID.randomUUID();
        String mine = driver.consumer.post("/api/v1/agreements", body(offering, driver.wallet()), KEY_HEADER, key).json().get("id").asText();

        Api other = driver.admin.as(Api.OTHER_CONSUMER);
        Api.Reply theirs = other.post("/api/v1/agreements", body(offering, driver.wallet(2)), KEY_HEADER, key);

        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        assertThat(theirs.json().get("id").asText()).isNotEqualTo(mine);
        assertThat(theirs.header("Idempotent-Replayed")).isEmpty();
        assertProblem(other.get("/api/v1/agreements/" + mine), 404, "not-found");
    }

    /** The same request, eight times at once: one agreement, one process, every answer names it. */
    @Test
    void theSameRequestRacingItselfMakesOneAgreement() throws Exception {
        String offering = driver.publishedOffering();
        ChainWallet wallet = driver.wallet();
        String key = "order-" + UUID.randomUUID();
        long count = agreements();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Reply>> replies = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return driver.consumer.post("/api/v1/agreements", body(offering, wallet), KEY_HEADER, key);
            }, clients)).toList();
            start.countDown();

            List<Api.Reply> answered = replies.stream().map(CompletableFuture::join).toList();
            answered.forEach(reply -> assertThat(reply.status()).as(reply.body()).isEqualTo(201));
            List<String> ids = answered.stream().map(reply -> reply.json().get("id").asText()).distinct().toList();
            assertThat(ids).hasSize(1);
            assertThat(answered.stream().filter(reply -> reply.header("Idempotent-Replayed").isEmpty())).hasSize(1);
            assertThat(agreements()).isEqualTo(count + 1);
            assertThat(setupProcesses(ids.get(0))).isEqualTo(1);
        } finally {
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aKeyOutOfShapeIsRefusedAndCreatesNothing() {
        String offering = driver.publishedOffering();
        ChainWallet wallet = driver.wallet();
        long count = agreements();

        assertProblem(driver.consumer.post("/api/v1/agreements", body(offering, wallet), KEY_HEADER, ""), 400, "invalid-request");
        assertProblem(driver.consumer.post("/api/v1/agreements", body(offering, wallet), KEY_HEADER, "k".repeat(201)), 400,
                "invalid-request");
        assertProblem(driver.consumer.post("/api/v1/agreements", "{\"offeringId\":", KEY_HEADER, "k"), 400, "malformed-json");

        assertThat(agreements()).isEqualTo(count);
    }
}
