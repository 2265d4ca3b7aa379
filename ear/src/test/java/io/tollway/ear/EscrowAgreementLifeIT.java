package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.AgreementDriver;
import io.tollway.ear.support.Api;
import io.tollway.wallet.ChainWallet;
import io.tollway.ear.support.Database;
import io.tollway.ear.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tollway.ear.support.AgreementDriver.BASE_PER_HOUR;
import static io.tollway.ear.support.AgreementDriver.BILLING_INTERVAL;
import static io.tollway.ear.support.AgreementDriver.SETUP_FEE;
import static io.tollway.ear.support.AgreementDriver.assertProblem;

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

    private final AgreementDriver driver = new AgreementDriver();

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @Test
    void anEscrowAgreementLivesFromRequestToSettlementAndTheLedgersAgree() {
        ChainWallet wallet = driver.wallet();

        // request: the escrow agreement is created on chain with the offering's terms
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        assertThat(driver.agreement(id).get("onChainId").asText()).isNotBlank();

        // both approve: the approver in the task list, the consumer through the API and its wallet
        driver.approvedByBoth(id, wallet);

        // deposit: the setup fee and two hours of fees; the demo provider provisions at once
        BigInteger deposit = SETUP_FEE.add(BigInteger.valueOf(72_000));
        driver.deposit(id, wallet, deposit);
        JsonNode active = driver.awaitStatus(id, "ACTIVE");
        assertThat(active.get("sealedCredentials").asText()).isNotBlank();
        assertThat(driver.admin.get("/api/v1/agreements/" + id).json().path("sealedCredentials").asText(""))
                .as("only the consumer sees its sealed credentials").isEmpty();

        // usage: nothing may be charged for no time; within the cap after 15 minutes (cap 18,000)
        Api provider = driver.provider;
        assertProblem(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-0\",\"amount\":\"5000\"}"),
                422, "usage-over-cap");
        driver.passTime(900);
        assertThat(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-1\",\"amount\":\"5000\"}").status())
                .isEqualTo(201);
        assertThat(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-1\",\"amount\":\"5000\"}").status())
                .as("a replay").isEqualTo(201);
        assertProblem(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-1\",\"amount\":\"6000\"}"),
                409, "idempotency-key-reused");
        assertProblem(provider.post("/api/v1/agreements/" + id + "/usage", "{\"idempotencyKey\":\"u-2\",\"amount\":\"20000\"}"),
                422, "usage-over-cap");

        // many reports in one request, each answered as on its own; the cap (18,000 and 20 a second more as the
        // chain's clock goes on) counts the reports before it: 10,000 fits on top of u-1's 5,000, not on u-1's and u-3's
        JsonNode batch = provider.post("/api/v1/usage", "{\"reports\":["
                + report(id, "u-3", "\"amount\":\"4000\"") + "," + report(id, "u-1", "\"amount\":\"5000\"") + ","
                + report(id, "u-3", "\"amount\":\"4000\"") + "," + report(id, "u-4", "\"amount\":\"10000\"") + ","
                + report(id, "u-1", "\"amount\":\"7\"") + "," + report("no-such-agreement", "u-5", "\"amount\":\"1\"") + ","
                + report(id, "u-6", "\"units\":3") + "]}").json();
        assertThat(batch.get("accepted").asInt()).isEqualTo(3);
        assertThat(batch.get("refused").asInt()).isEqualTo(4);
        assertThat(AgreementDriver.statuses(batch)).containsExactly("201", "201", "201", "422", "409", "404", "400");
        assertThat(batch.get("results").findValuesAsText("replayed")).containsExactly("false", "true", "true");
        assertThat(batch.at("/results/3/problem/type").asText()).endsWith("/usage-over-cap");
        assertThat(batch.at("/results/4/problem/type").asText()).endsWith("/idempotency-key-reused");
        // what the cap counts is kept in a row of its own, raised by each report taken and not by a replay
        assertThat(Database.value("select amount from agreement_unbilled_usage where agreement_id = ?", id)).as("u-1 and u-3").isEqualTo("9000");

        // bill 1 after the interval: base for the time since activation, plus the usage
        driver.passTime(BILLING_INTERVAL - 900 + 5);
        driver.awaitBills(id, 1);
        JsonNode first = driver.bills(id).get(0);
        assertThat(first.get("state").asText()).isEqualTo("PAID");
        assertThat(first.get("variableAmount").asText()).as("u-1 and u-3").isEqualTo("9000");
        assertThat(Database.value("select amount from agreement_unbilled_usage where agreement_id = ?", id)).as("lowered by bill 1's charge").isEqualTo("0");
        assertThat(new BigInteger(first.get("baseAmount").asText())).isEqualTo(basePart(first));

        // bill 2, then bill 3 leaves less than an hour of base fee: the service is suspended
        driver.passTime(BILLING_INTERVAL + 5);
        driver.awaitBills(id, 2);
        driver.passTime(BILLING_INTERVAL + 5);
        driver.awaitBills(id, 3);
        driver.awaitStatus(id, "SUSPENDED");

        // a top-up resumes it
        BigInteger topUp = BigInteger.valueOf(50_000);
        driver.deposit(id, wallet, topUp);
        driver.awaitStatus(id, "ACTIVE");

        // stop: deprovisioned, settled on chain
        assertThat(driver.consumer.post("/api/v1/agreements/" + id + "/stop", "{}").status()).isEqualTo(202);
        JsonNode ended = driver.awaitTerminated(id, "STOPPED_BY_CONSUMER");

        // the ledgers agree: the chain's figures, the off-chain mirror, and deposits minus fees and bills
        JsonNode balances = ended.get("balances");
        assertThat(balances.at("/onChain/status").asText()).isEqualTo("Stopped");
        assertThat(balances.get("remaining").asText()).isEqualTo(balances.at("/onChain/remaining").asText());
        assertThat(balances.get("deposited").asText()).isEqualTo(deposit.add(topUp).toString());
        BigInteger billed = BigInteger.ZERO;
        JsonNode bills = driver.bills(id);
        assertThat(bills.findValuesAsText("number")).as("newest first").containsExactly("3", "2", "1");
        for (JsonNode bill : bills) {
            assertThat(new BigInteger(bill.get("paid").asText())).isEqualTo(basePart(bill).add(new BigInteger(bill.get("variableAmount").asText())));
            billed = billed.add(new BigInteger(bill.get("paid").asText()));
        }
        assertThat(balances.get("billed").asText()).isEqualTo(billed.toString());
        BigInteger settledAtStop = deposit.add(topUp).subtract(SETUP_FEE).subtract(billed).subtract(new BigInteger(balances.get("remaining").asText()));
        assertThat(settledAtStop).as("base fee from the last bill to the stop").isBetween(BigInteger.ZERO, BASE_PER_HOUR);

        // the lists are links, each paged: bills, no cheques (an escrow's), chain transactions with each bill's batch
        String self = "/api/v1/agreements/" + id;
        assertThat(ended.at("/links/self").asText()).isEqualTo(self);
        assertThat(ended.get("links").hasNonNull("cheques")).isFalse();
        JsonNode secondPage = driver.consumer.get(ended.at("/links/bills").asText() + "?offset=2&limit=2").json();
        assertThat(secondPage.get("total").asLong()).isEqualTo(3);
        assertThat(secondPage.get("items").findValuesAsText("number")).containsExactly("1");
        assertThat(driver.consumer.get(self + "/cheques").json().get("total").asLong()).isZero();
        JsonNode transactions = driver.consumer.get(ended.at("/links/transactions").asText() + "?limit=200").json();
        assertThat(transactions.get("items")).hasSize(transactions.get("total").asInt());
        assertThat(transactions.get("items").findValuesAsText("step")).contains("create", "bill-1", "bill-2", "bill-3");
        assertThat(transactions.get("items").findValuesAsText("state")).containsOnly("CONFIRMED");
        assertThat(transactions.get("items").findValuesAsText("hash")).allMatch(hash -> hash.matches("0x[0-9a-f]{64}"));
        for (String list : List.of("/bills", "/cheques", "/transactions")) {
            assertProblem(driver.consumer.as(Api.OTHER_CONSUMER).get(self + list), 404, "not-found");
        }

        // the engine's history (TollwayHistoryLevel): each variable's last value of the bills' processes, no row per change
        assertThat(Database.value("select value_ from act_ge_property where name_ = 'historyLevel'")).isEqualTo("30");
        assertThat(Database.count("select count(*) from act_hi_varinst v join act_hi_procinst p on p.id_ = v.proc_inst_id_"
                + " where p.business_key_ = ? and v.name_ = 'billNumber'", id)).isPositive();
        assertThat(Database.count("select count(*) from act_hi_detail")).isZero();
    }

    @Test
    void singleUsageReportsSentAtOnceAreEachAnsweredAndTogetherNeverPassTheCap() throws Exception {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvedByBoth(id, wallet);
        driver.deposit(id, wallet, SETUP_FEE.add(BigInteger.valueOf(72_000)));
        driver.awaitStatus(id, "ACTIVE");
        driver.passTime(900);

        // 40 new keys of 1,000 each and one more key sent 10 times, all at once, one report per request, against
        // a cap of 18,000 that grows by 20 a second of the chain's clock: the server takes them in groups
        List<String> keys = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> keys.add("at-once-" + i));
        IntStream.range(0, 10).forEach(i -> keys.add(i * 5, "at-once-same"));
        ExecutorService senders = Executors.newFixedThreadPool(25);
        Map<String, List<Api.Reply>> replies = new HashMap<>();
        try {
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (String key : keys) {
                sent.add(senders.submit(() -> driver.provider.post("/api/v1/agreements/" + id + "/usage",
                        "{\"idempotencyKey\":\"" + key + "\",\"amount\":\"1000\"}")));
            }
            for (int i = 0; i < keys.size(); i++) {
                replies.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(sent.get(i).get(60, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }

        replies.values().stream().flatMap(List::stream).filter(r -> r.status() != 201)
                .forEach(refused -> assertProblem(refused, 422, "usage-over-cap"));
        assertThat(replies.get("at-once-same")).extracting(Api.Reply::status).as("a key sent again is answered like the first")
                .containsOnly(replies.get("at-once-same").get(0).status());
        long acceptedKeys = replies.values().stream().filter(r -> r.get(0).status() == 201).count();
        assertThat(acceptedKeys).as("the cap is at least 18,000 and, this soon after, at most 25,000").isBetween(18L, 25L);
        assertThat(Database.count("select count(*) from usage_report where agreement_id = ?", id)).isEqualTo(acceptedKeys);
        assertThat(Database.value("select sum(amount) from usage_report where agreement_id = ?", id))
                .isEqualTo(String.valueOf(acceptedKeys * 1000));
        assertThat(Database.value("select amount from agreement_unbilled_usage where agreement_id = ?", id)).as("raised once per report taken, by each group")
                .isEqualTo(String.valueOf(acceptedKeys * 1000));
    }

    private static String report(String agreementId, String key, String usage) {
        return "{\"agreementId\":\"" + agreementId + "\",\"idempotencyKey\":\"" + key + "\"," + usage + "}";
    }

    /** The formula's base part for the seconds the chain billed. */
    private static BigInteger basePart(JsonNode bill) {
        return BASE_PER_HOUR.multiply(BigInteger.valueOf(bill.get("billedSeconds").asLong())).divide(BigInteger.valueOf(3600));
    }
}
