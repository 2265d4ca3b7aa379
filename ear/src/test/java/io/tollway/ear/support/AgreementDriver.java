package io.tollway.ear.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.devkit.Anvil;
import io.tollway.infrastructure.chain.escrow.EscrowAgreementOnChain;
import io.tollway.infrastructure.chain.escrow.EscrowReader;
import io.tollway.wallet.ChainWallet;
import io.tollway.wallet.WalletCall;
import io.tollway.wallet.WalletCalls;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives agreements through the API as their parties do: the admin publishes an offering, the
 * consumer requests and approves with its own wallet (the command-line wallet's {@link ChainWallet}), the approver decides in the task list, the
 * provider reports usage. Both clocks (chain and engine) move together.
 */
public final class AgreementDriver {

    public static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Per hour, in token units: base 36,000 (10 a second), usage cap 72,000 (20 a second); setup fee 1,000. */
    public static final String TERMS = "{\"setupFee\":\"1000\",\"baseFeePerHour\":\"36000\",\"variableFeePerHour\":\"72000\","
            + "\"lockupSeconds\":0,\"uptimeArbitration\":false}";
    public static final BigInteger SETUP_FEE = BigInteger.valueOf(1000);
    public static final BigInteger BASE_PER_HOUR = BigInteger.valueOf(36_000);
    /** Set for the test servers (TestEnvironment). */
    public static final long BILLING_INTERVAL = 1200;
    public static final long SUSPENSION_GRACE = 600;

    public final Api admin = new Api(TestEnvironment.baseUrl());
    public final Api consumer = admin.as(Api.CONSUMER);
    public final Api provider = admin.as(Api.PROVIDER);
    public final Api approver = admin.as(Api.APPROVER);
    private EscrowReader escrowReader;

    public String publishedOffering() {
        return publishedOffering("demo-provider");
    }

    /** A published escrow offering of another provider than the demo provider (whose key the tests hold). */
    public String publishedOffering(String providerId) {
        return published(providerId, "ESCROW", "escrow", TERMS);
    }

    /** A payment-channel offering of the demo provider with these terms (the JSON of the offerings API). */
    public String publishedChannelOffering(String channelTerms) {
        return published("demo-provider", "CHANNEL", "channel", channelTerms);
    }

    private String published(String providerId, String model, String termsField, String terms) {
        Api.Reply submitted = admin.post("/api/v1/offerings", "{\"providerId\":\"" + providerId + "\",\"name\":\"VPN " + UUID.randomUUID()
                + "\",\"settlementModel\":\"" + model + "\",\"" + termsField + "\":" + terms + "}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().get("id").asText();
        assertThat(approver.post("/api/v1/review-tasks/" + admin.reviewTaskOf(id) + "/decision", "{\"approved\":true}").status())
                .isEqualTo(204);
        await().atMost(DEADLINE).until(() -> admin.offering(id).get("status").asText().equals("PUBLISHED"));
        return id;
    }

    /** The consumer's wallet: anvil's account 1, funded with test tokens. */
    public ChainWallet wallet() {
        return wallet(1);
    }

    /** The wallet of anvil's account {@code index}, with test tokens; the tests' consumer is account 1. */
    public ChainWallet wallet(int index) {
        ChainWallet wallet = ChainWallet.connect(TestEnvironment.anvil().rpcUrl(), Anvil.DEV_PRIVATE_KEYS.get(index));
        wallet.send(WalletCalls.mint(token(), wallet.address(), BigInteger.valueOf(1_000_000)), Anvil.CHAIN_ID);
        return wallet;
    }

    public String token() {
        return admin.get("/api/v1/chain").json().at("/contracts/TestToken").asText();
    }

    public Api.Reply request(String offeringId, ChainWallet wallet) {
        return consumer.post("/api/v1/agreements", "{\"offeringId\":\"" + offeringId + "\",\"consumerAddress\":\""
                + wallet.address() + "\",\"consumerPublicKey\":\"" + wallet.publicKeyHex() + "\"}");
    }

    /** Requested and set up on chain: waiting for both approvals. */
    public String awaitingApproval(String offeringId, ChainWallet wallet) {
        Api.Reply requested = request(offeringId, wallet);
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().get("id").asText();
        awaitStatus(id, "AWAITING_APPROVAL");
        return id;
    }

    /** Approved by the approver in the task list and by the consumer on chain. */
    public JsonNode approvedByBoth(String id, ChainWallet wallet) {
        approveByBoth(id, wallet);
        return awaitStatus(id, "AWAITING_DEPOSIT");
    }

    /** The approver's and the consumer's approval (for escrow also on chain), without waiting for what follows. */
    public void approveByBoth(String id, ChainWallet wallet) {
        assertThat(approver.post("/api/v1/approval-tasks/" + approvalTaskOf(id) + "/decision", "{\"approved\":true}").status())
                .isEqualTo(204);
        Api.Reply approved = consumer.post("/api/v1/agreements/" + id + "/approval",
                "{\"decision\":\"APPROVE\",\"termsHash\":\"" + agreement(id).get("termsHash").asText() + "\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        if (approved.json().get("settlementModel").asText().equals("ESCROW")) {
            sendWalletCalls(wallet, approved.json(), "approve");
        }
    }

    /** A first deposit or a top-up of this amount: the token allowance, then the deposit, from the consumer's wallet. */
    public void deposit(String id, ChainWallet wallet, BigInteger amount) {
        JsonNode agreement = agreement(id);
        String escrow = agreement.at("/wallet/contract").asText();
        wallet.send(WalletCalls.allowDeposits(token(), escrow, amount), Anvil.CHAIN_ID);
        wallet.send(WalletCalls.deposit(WalletCalls.TOP_UP, escrow, new BigInteger(agreement.get("onChainId").asText()), amount), Anvil.CHAIN_ID);
    }

    public JsonNode agreement(String id) {
        Api.Reply reply = consumer.get("/api/v1/agreements/" + id + "?chain=true");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    public JsonNode awaitStatus(String id, String status) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(agreement(id).get("status").asText()).isEqualTo(status));
        return agreement(id);
    }

    public JsonNode awaitTerminated(String id, String cause) {
        JsonNode ended = awaitStatus(id, "TERMINATED");
        assertThat(ended.get("terminationCause").asText()).isEqualTo(cause);
        return ended;
    }

    /** The agreement's bills as its consumer reads them: the items of the first page, newest first. */
    public JsonNode bills(String id) {
        Api.Reply reply = consumer.get("/api/v1/agreements/" + id + "/bills?limit=200");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("items");
    }

    public void awaitBills(String id, int count) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode bills = bills(id);
            assertThat(bills).hasSize(count);
            bills.forEach(bill -> assertThat(bill.get("state").asText()).isNotEqualTo("PENDING"));
        });
    }

    /** Both clocks move: the chain's (the next block's time) and the engine's (its timers fall due). */
    public void passTime(long seconds) {
        Anvil anvil = TestEnvironment.anvil();
        anvil.increaseTime(seconds);
        anvil.mine();
        Api.Reply moved = admin.post("/api/v1/test-support/clock", "{\"seconds\":" + seconds + "}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    public void sendWalletCalls(ChainWallet wallet, JsonNode agreement, String purposePrefix) {
        List<String> sent = new ArrayList<>();
        for (JsonNode call : agreement.at("/wallet/calls")) {
            if (call.get("purpose").asText().startsWith(purposePrefix)) {
                wallet.send(WalletCall.of(call), agreement.at("/wallet/chainId").asLong());
                sent.add(call.get("purpose").asText());
            }
        }
        assertThat(sent).as("wallet calls for " + purposePrefix + " in " + agreement.get("wallet")).isNotEmpty();
    }

    public String approvalTaskOf(String agreementId) {
        await().atMost(DEADLINE).until(() -> findTask(agreementId) != null);
        return findTask(agreementId);
    }

    /** The approval task that replaced {@code earlierTask} (the approval started again). */
    public String newApprovalTaskOf(String agreementId, String earlierTask) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> {
            String task = findTask(agreementId);
            return task != null && !task.equals(earlierTask);
        });
        return findTask(agreementId);
    }

    /** The escrow agreement as the chain holds it, read from the node itself rather than through Tollway. */
    public EscrowAgreementOnChain onChain(String agreementId) {
        JsonNode agreement = agreement(agreementId);
        try {
            return escrowReader().agreement(agreement.at("/wallet/contract").asText(), new BigInteger(agreement.get("onChainId").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hash of the terms the escrow holds now, which an approval on chain must name. */
    public String onChainTermsHash(String agreementId) {
        JsonNode agreement = agreement(agreementId);
        try {
            return escrowReader().termsHash(agreement.at("/wallet/contract").asText(), new BigInteger(agreement.get("onChainId").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized EscrowReader escrowReader() {
        if (escrowReader == null) {
            escrowReader = new EscrowReader(Web3j.build(new HttpService(TestEnvironment.anvil().rpcUrl())));
        }
        return escrowReader;
    }

    private String findTask(String agreementId) {
        for (JsonNode task : approver.get("/api/v1/approval-tasks?limit=200").json()) {
            if (task.get("agreementId").asText().equals(agreementId)) {
                return task.get("id").asText();
            }
        }
        return null;
    }

    /** The status of each report's answer in a {@code POST /api/v1/usage} answer, in order. */
    public static java.util.List<String> statuses(JsonNode batch) {
        java.util.List<String> statuses = new java.util.ArrayList<>();
        batch.get("results").forEach(result -> statuses.add(result.get("status").asText()));
        return statuses;
    }

    public static void assertProblem(Api.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).endsWith("/" + type);
    }
}
