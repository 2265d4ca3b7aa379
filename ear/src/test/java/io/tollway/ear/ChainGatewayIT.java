package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.Database;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.TestEnvironment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chain gateway in the deployed EAR: a {@code chainTransaction} process asks for a token
 * transfer in its job's transaction, the gateway's workers send and track it on anvil, and the
 * announcement ends the process's wait in the same JTA transaction that records CONFIRMED. The
 * crash windows are opened with fault points; the "restart" builds the gateway anew from the
 * database and the chain.
 */
@ExtendWith(ArquillianExtension.class)
class ChainGatewayIT {

    private static final BigInteger AMOUNT = BigInteger.valueOf(4_200_000);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Api api = new Api(TestEnvironment.baseUrl());

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @AfterEach
    void disarmFaults() {
        api.delete("/api/v1/test-support/faults");
    }

    private String transfer(String subject, String step, String to) {
        Api.Reply reply = api.post("/api/v1/test-support/chain/transfers",
                "{\"subject\":\"" + subject + "\",\"step\":\"" + step + "\",\"to\":\"" + to + "\",\"amount\":" + AMOUNT + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("processInstanceId").asText();
    }

    private static void awaitEndedAt(String processInstance, String endEvent) {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                Database.column("select end_act_id_ from act_hi_procinst where id_ = ? and end_time_ is not null", processInstance))
                .containsExactly(endEvent));
    }

    private static long waitsEnded(String processInstance) {
        return Database.count("select count(*) from act_hi_actinst where proc_inst_id_ = ? and act_id_ = 'transactionFinished'"
                + " and end_time_ is not null", processInstance);
    }

    private JsonNode transactionOf(String subject) {
        JsonNode list = api.get("/api/v1/chain/transactions?subject=" + subject).json();
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static BigInteger balanceOf(String token, String account) {
        String data = "0x70a08231" + "0".repeat(24) + account.substring(2);
        String answer = TestEnvironment.anvil().call("eth_call", "[{\"to\":\"" + token + "\",\"data\":\"" + data + "\"},\"latest\"]");
        return new BigInteger(answer.substring(2), 16);
    }

    private String token() {
        return api.get("/api/v1/chain").json().at("/contracts/TestToken").asText();
    }

    private static String newAddress() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000001";
    }

    @Test
    void aTransferIsConfirmedAndEndsItsProcessExactlyOnce() {
        String subject = "transfer-" + UUID.randomUUID();
        String to = newAddress();

        String instance = transfer(subject, "pay", to);

        awaitEndedAt(instance, "transactionConfirmed");
        JsonNode transaction = transactionOf(subject);
        assertThat(transaction.get("state").asText()).isEqualTo("CONFIRMED");
        assertThat(transaction.get("hash").asText()).matches("0x[0-9a-f]{64}");
        assertThat(transaction.get("gasUsed").asLong()).isPositive();
        assertThat(balanceOf(token(), to)).isEqualTo(AMOUNT);
        assertThat(waitsEnded(instance)).isEqualTo(1);
        assertThat(Database.value("select text_ from act_hi_varinst where proc_inst_id_ = ? and name_ = 'chainTransactionHash'", instance))
                .isEqualTo(transaction.get("hash").asText());
        assertThat(api.get("/api/v1/chain/transactions/" + transaction.get("id").asLong()).json().get("subject").asText())
                .isEqualTo(subject);
        assertThat(api.get("/health").json().at("/components/chainGateway/status").asText()).isEqualTo("UP");
    }

    @Test
    void theSameStepAskedForByTwoProcessesIsPaidOnceAndAnnouncedToBoth() {
        String subject = "twice-" + UUID.randomUUID();
        String to = newAddress();

        String first = transfer(subject, "pay", to);
        String second = transfer(subject, "pay", to);

        awaitEndedAt(first, "transactionConfirmed");
        awaitEndedAt(second, "transactionConfirmed");
        assertThat(transactionOf(subject).get("state").asText()).isEqualTo("CONFIRMED");
        assertThat(balanceOf(token(), to)).isEqualTo(AMOUNT);
    }

    @Test
    void aCrashBeforeSendingAndOneBeforeTheAnnouncementPayOnceAndEndTheWaitOnceAfterTheRestart() {
        String to = newAddress();
        String beforeSending = "crash-signed-" + UUID.randomUUID();
        api.armFault("chain.signed:" + beforeSending, 1);

        String first = transfer(beforeSending, "pay", to);
        awaitGatewayCrashed();
        assertThat(transactionOf(beforeSending).get("state").asText()).isEqualTo("PREPARED");
        restartGateway();
        awaitEndedAt(first, "transactionConfirmed");
        assertThat(balanceOf(token(), to)).isEqualTo(AMOUNT);

        String beforeAnnouncing = "crash-mined-" + UUID.randomUUID();
        api.armFault("chain.mined:" + beforeAnnouncing, 1);
        String second = transfer(beforeAnnouncing, "pay", to);
        awaitGatewayCrashed();
        assertThat(transactionOf(beforeAnnouncing).get("state").asText()).isEqualTo("MINED");
        assertThat(waitsEnded(second)).isZero();
        restartGateway();
        awaitEndedAt(second, "transactionConfirmed");

        assertThat(balanceOf(token(), to)).isEqualTo(AMOUNT.multiply(BigInteger.TWO));
        assertThat(waitsEnded(first)).isEqualTo(1);
        assertThat(waitsEnded(second)).isEqualTo(1);
        assertThat(transactionOf(beforeAnnouncing).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void theEventReaderRunsOnThisNodeAndFollowsTheChain() {
        String to = newAddress();
        awaitEndedAt(transfer("reader-" + UUID.randomUUID(), "pay", to), "transactionConfirmed");
        long head = TestEnvironment.anvil().blockNumber();

        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode reader = api.get("/health").json().at("/components/chainEventReader");
            assertThat(reader.get("status").asText()).isEqualTo("UP");
            assertThat(reader.at("/details/reading").asBoolean()).isTrue();
            assertThat(reader.at("/details/lastHandledBlock").asLong()).isGreaterThanOrEqualTo(head);
        });
        assertThat(Database.value("select block_hash from chain_event_cursor where reader = 'main'"))
                .matches("0x[0-9a-f]{64}");
    }

    private void awaitGatewayCrashed() {
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode gateway = api.get("/health").json().at("/components/chainGateway");
            assertThat(gateway.get("status").asText()).isEqualTo("DOWN");
            assertThat(gateway.at("/details/error").asText()).contains("simulated crash");
        });
    }

    private void restartGateway() {
        assertThat(api.post("/api/v1/test-support/chain/gateway/restart", "{}").status()).isEqualTo(204);
        assertThat(api.get("/health").json().at("/components/chainGateway/status").asText()).isEqualTo("UP");
    }

}
