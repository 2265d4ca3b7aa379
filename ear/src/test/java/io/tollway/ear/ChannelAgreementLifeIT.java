package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.TestEnvironment;
import io.tollway.infrastructure.chain.channels.ChannelReader;
import io.tollway.infrastructure.chain.channels.InternalBalance;
import io.tollway.wallet.ApiClient;
import io.tollway.wallet.ChainWallet;
import io.tollway.wallet.ConsumerSide;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;

import static io.tollway.ear.support.AgreementDriver.BILLING_INTERVAL;
import static io.tollway.ear.support.AgreementDriver.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment-channel agreements on the deployed EAR, PostgreSQL and anvil, the consumer acting with
 * the command-line wallet: the offering is registered on chain, both parties approve, the consumer
 * opens the channel, the demo provider provisions, usage and cheques go back and forth, payment
 * lagging usage suspends and a cheque resumes, and the channel is closed cooperatively with the
 * best cheque when the deposit is used up; a consumer's uncooperative close is answered inside the
 * challenge period with the best cheque; the maximum units and inactivity end agreements too.
 * What the provider is paid is read from the contract.
 */
@ExtendWith(ArquillianExtension.class)
class ChannelAgreementLifeIT {

    /** Unit price 100, setup 50, at least 10 units (minimum deposit 1,050), lag of 5 units allowed, an hour of inactivity. */
    private static final String TERMS = "{\"unitName\":\"GB\",\"unitPrice\":\"100\",\"setupPrice\":\"50\",\"minUnits\":10,"
            + "\"maxUnits\":1000,\"maxBillingUnitLag\":5,\"maxInactiveSeconds\":3600,\"maxSuspendSeconds\":7200,\"supply\":10}";
    private static final String FEW_UNITS = TERMS.replace("\"maxUnits\":1000", "\"maxUnits\":12");

    private static String offering;

    private final AgreementDriver driver = new AgreementDriver();
    private final ChainWallet wallet = driver.wallet(3);
    private final ConsumerSide consumer = new ConsumerSide(new ApiClient(URI.create(TestEnvironment.baseUrl()), Api.CONSUMER), wallet);

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    private String offering() {
        if (offering == null) {
            offering = driver.publishedChannelOffering(TERMS);
        }
        return offering;
    }

    /** Requested, approved by both (no chain approval for a channel), channel opened with {@code deposit}, provisioned. */
    private String active(String offeringId, BigInteger deposit) {
        String id = driver.awaitingApproval(offeringId, wallet);
        JsonNode approved = driver.approvedByBoth(id, wallet);
        assertThat(approved.path("onChainId").asText("")).as("no channel before the consumer opens it").isEmpty();
        consumer.deposit(id, deposit);
        JsonNode active = driver.awaitStatus(id, "ACTIVE");
        assertThat(active.get("onChainId").asText()).isEqualTo(active.at("/channel/key").asText());
        assertThat(active.at("/channel/deposit").asText()).isEqualTo(deposit.toString());
        assertThat(consumer.credentials(id)).isNotBlank();
        return id;
    }

    private Api.Reply usage(String id, String key, long units) {
        return driver.provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"" + key + "\",\"units\":" + units + "}");
    }

    private void used(String id, String key, long units) {
        Api.Reply reply = usage(id, key, units);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private JsonNode channel(String id) {
        return driver.agreement(id).get("channel");
    }

    private static InternalBalance accountOnChain(String address) {
        Web3j web3j = Web3j.build(new HttpService(TestEnvironment.anvil().rpcUrl()));
        try {
            String channels = new Api(TestEnvironment.baseUrl()).get("/api/v1/chain").json().at("/contracts/PaymentChannels").asText();
            return new ChannelReader(web3j).account(channels, address);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            web3j.shutdown();
        }
    }

    @Test
    void aChannelRunsWithUsageAndChequesIsSuspendedOnLagAndClosedAtTheDeposit() {
        BigInteger deposit = BigInteger.valueOf(2050); // setup 50 and 20 units
        String id = active(offering(), deposit);
        String agent = channel(id).get("agent").asText();
        BigInteger agentBefore = accountOnChain(agent).credited();

        // usage in units, each report once
        used(id, "u-1", 3);
        assertThat(usage(id, "u-1", 3).json().get("totalUnits").asLong()).as("a replay is answered alike").isEqualTo(3);
        assertProblem(usage(id, "u-1", 4), 409, "idempotency-key-reused");
        assertProblem(driver.provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-x\",\"amount\":\"5\"}"),
                400, "invalid-request");
        JsonNode owing = channel(id);
        assertThat(owing.get("owed").asText()).isEqualTo("350");
        assertThat(owing.at("/nextCheque/balance").asText()).isEqualTo("350");

        // the consumer's wallet signs what is owed
        JsonNode paid = consumer.cheque(id, null);
        assertThat(paid.get("balance").asText()).isEqualTo("350");
        assertThat(paid.get("unpaidUnits").asLong()).isZero();

        // lag: 8 units unpaid (more than 5) → suspended at the next review; reported in one request with a replay and a reused key
        JsonNode batch = driver.provider.post("/api/v1/usage", "{\"reports\":[{\"agreementId\":\"" + id + "\",\"idempotencyKey\":\"u-2\",\"units\":5},"
                + "{\"agreementId\":\"" + id + "\",\"idempotencyKey\":\"u-1\",\"units\":3},"
                + "{\"agreementId\":\"" + id + "\",\"idempotencyKey\":\"u-2b\",\"units\":3},"
                + "{\"agreementId\":\"" + id + "\",\"idempotencyKey\":\"u-1\",\"units\":4}]}").json();
        assertThat(AgreementDriver.statuses(batch)).containsExactly("201", "201", "201", "409");
        assertThat(batch.at("/results/1/replayed").asBoolean()).isTrue();
        assertThat(batch.at("/results/2/usage/totalUnits").asLong()).isEqualTo(11);
        driver.passTime(BILLING_INTERVAL);
        JsonNode suspended = driver.awaitStatus(id, "SUSPENDED");
        assertThat(suspended.at("/channel/unpaidUnits").asLong()).isEqualTo(8);
        assertThat(suspended.at("/channel/state").asText()).isEqualTo("SUSPENDED");

        // a cheque for what is owed resumes the service
        assertThat(consumer.cheque(id, null).get("balance").asText()).isEqualTo("1150");
        driver.awaitStatus(id, "ACTIVE");

        // the deposit pays for 20 units: the last 9 and a cheque for the whole deposit end the agreement
        used(id, "u-3", 9);
        assertThat(consumer.cheque(id, null).get("balance").asText()).isEqualTo(deposit.toString());
        driver.passTime(BILLING_INTERVAL);
        JsonNode ended = driver.awaitTerminated(id, "DEPOSIT_EXHAUSTED");

        // closed cooperatively with the best cheque: the provider's agent is paid exactly that
        await().atMost(AgreementDriver.DEADLINE)
                .untilAsserted(() -> assertThat(channel(id).path("closedAt").asText("")).isEqualTo(deposit.toString()));
        assertThat(accountOnChain(agent).credited().subtract(agentBefore)).isEqualTo(deposit);
        assertThat(ended.at("/channel/bestCheque").asText()).isEqualTo(deposit.toString());
        JsonNode cheques = driver.consumer.get(ended.at("/links/cheques").asText()).json();
        assertThat(cheques.get("total").asLong()).isEqualTo(3);
        assertThat(cheques.get("items").findValuesAsText("balance")).as("highest first")
                .containsExactly(deposit.toString(), "1150", "350");
    }

    /**
     * The channel's event came while no agreement waited for it (here: its agreement was stopped
     * before the consumer's wallet sent the createChannel it had been given). The next agreement of
     * that consumer on that offering claims it when its deposit step looks again, instead of
     * waiting for an event that has come and gone.
     */
    @Test
    void aChannelAnnouncedWhileNoAgreementWaitedIsClaimedByTheNextOneThatWaits() {
        BigInteger deposit = BigInteger.valueOf(1500);
        String stopped = driver.awaitingApproval(offering(), wallet);
        driver.approvedByBoth(stopped, wallet);
        JsonNode offered = driver.awaitStatus(stopped, "AWAITING_DEPOSIT");
        assertThat(driver.consumer.post("/api/v1/agreements/" + stopped + "/stop", "").status()).isEqualTo(202);
        driver.awaitTerminated(stopped, "STOPPED_BY_CONSUMER");

        consumer.deposit(offered, deposit);

        String next = driver.awaitingApproval(offering(), wallet);
        driver.approveByBoth(next, wallet);
        JsonNode active = driver.awaitStatus(next, "ACTIVE");
        assertThat(active.at("/channel/deposit").asText()).isEqualTo(deposit.toString());
        assertThat(active.get("onChainId").asText()).isEqualTo(active.at("/channel/key").asText());
        assertThat(driver.agreement(stopped).path("channel").path("key").asText("")).isEmpty();
    }

    @Test
    void forgedAndStaleChequesAreRefusedAndChangeNothing() {
        String id = active(offering(), BigInteger.valueOf(1050));
        used(id, "f-1", 2);
        JsonNode agreement = driver.agreement(id);
        String path = "/api/v1/agreements/" + id + "/cheques";

        // another wallet's signature over the same cheque
        ChainWallet stranger = driver.wallet(4);
        ConsumerSide strangerSide = new ConsumerSide(new ApiClient(URI.create(TestEnvironment.baseUrl()), Api.CONSUMER), stranger);
        String forged = strangerSide.signCheque(agreement, BigInteger.valueOf(250));
        assertProblem(driver.consumer.post(path, cheque("250", forged)), 422, "cheque-refused");
        // above the deposit
        assertProblem(driver.consumer.post(path, cheque("1051", consumer.signCheque(agreement, BigInteger.valueOf(1051)))),
                422, "cheque-refused");
        // malformed
        assertProblem(driver.consumer.post(path, cheque("250", "0x1234")), 400, "invalid-request");
        assertProblem(driver.consumer.post(path, "{\"balance\":\"-1\",\"signature\":\"" + forged + "\"}"), 400, "invalid-request");
        assertProblem(driver.consumer.post(path, "{not json"), 400, "malformed-json");
        // another tenant, another role
        assertProblem(driver.consumer.as(Api.OTHER_CONSUMER).post(path, cheque("250", forged)), 404, "not-found");
        assertProblem(driver.provider.post(path, cheque("250", forged)), 403, "forbidden");
        assertThat(channel(id).get("bestCheque").asText()).as("nothing changed").isEqualTo("0");
        // a channel's terms are not changed after the request; escrow usage (an amount) is not a channel's
        assertProblem(driver.provider.put("/api/v1/agreements/" + id + "/terms", AgreementDriver.TERMS), 422, "unsupported-model");

        // a good one, then the same again and a lower one: not above the best
        String good = consumer.signCheque(agreement, BigInteger.valueOf(250));
        assertThat(driver.consumer.post(path, cheque("250", good)).status()).isEqualTo(201);
        assertProblem(driver.consumer.post(path, cheque("250", good)), 422, "cheque-refused");
        assertProblem(driver.consumer.post(path, cheque("200", consumer.signCheque(agreement, BigInteger.valueOf(200)))),
                422, "cheque-refused");
        assertThat(channel(id).get("bestCheque").asText()).isEqualTo("250");
        assertThat(driver.consumer.post("/api/v1/agreements/" + id + "/stop", "").status()).isEqualTo(202);
        driver.awaitTerminated(id, "STOPPED_BY_CONSUMER");
    }

    private static String cheque(String balance, String signature) {
        return "{\"balance\":\"" + balance + "\",\"signature\":\"" + signature + "\"}";
    }

    @Test
    void anUncooperativeCloseIsAnsweredInsideTheChallengePeriodWithTheBestCheque() {
        String id = active(offering(), BigInteger.valueOf(1050));
        String agent = channel(id).get("agent").asText();
        BigInteger agentBefore = accountOnChain(agent).credited();
        used(id, "d-1", 4);
        assertThat(consumer.cheque(id, null).get("balance").asText()).isEqualTo("450");

        // the consumer claims it owes only 50
        consumer.closeChannel(driver.agreement(id), BigInteger.valueOf(50));

        JsonNode ended = driver.awaitTerminated(id, "DISPUTE_SETTLED");
        assertThat(ended.at("/channel/claimedAtClose").asText()).isEqualTo("50");
        await().atMost(AgreementDriver.DEADLINE)
                .untilAsserted(() -> assertThat(channel(id).path("closedAt").asText("")).isEqualTo("450"));
        assertThat(accountOnChain(agent).credited().subtract(agentBefore)).as("paid what the cheque says").isEqualTo(BigInteger.valueOf(450));
    }

    @Test
    void theMaximumUnitsEndTheAgreement() {
        String id = active(driver.publishedChannelOffering(FEW_UNITS), BigInteger.valueOf(2050));
        used(id, "m-1", 12);
        assertThat(consumer.cheque(id, null).get("balance").asText()).isEqualTo("1250");
        driver.passTime(BILLING_INTERVAL);
        driver.awaitTerminated(id, "MAX_UNITS");
        await().atMost(AgreementDriver.DEADLINE)
                .untilAsserted(() -> assertThat(channel(id).path("closedAt").asText("")).isEqualTo("1250"));
    }

    @Test
    void anHourWithoutUsageEndsTheAgreementAsInactive() {
        String id = active(offering(), BigInteger.valueOf(1050));
        // three billing intervals at once: the next review comes an hour after the opening
        driver.passTime(3 * BILLING_INTERVAL);
        JsonNode ended = driver.awaitTerminated(id, "INACTIVE");
        // no cheque: nothing to close with; the consumer takes its deposit back through the contract
        assertThat(ended.at("/channel/bestCheque").asText()).isEqualTo("0");
        assertThat(ended.at("/wallet/calls/0/purpose").asText()).startsWith("withdraw");
    }
}
