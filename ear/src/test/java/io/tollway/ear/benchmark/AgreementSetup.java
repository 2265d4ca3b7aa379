package io.tollway.ear.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.devkit.Anvil;
import io.tollway.ear.support.Api;
import io.tollway.wallet.ChainWallet;
import io.tollway.wallet.ConsumerSide;
import io.tollway.wallet.WalletCall;
import io.tollway.wallet.WalletCalls;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Brings agreements of either settlement model to ACTIVE through the real API and processes, many
 * at once, each as its consumer would: request with a wallet of its own; once AWAITING_APPROVAL,
 * approve the terms through the API (and, for an escrow, on chain with the wallet; a channel
 * agreement binds by the parties' word) while the {@link Approver} approves in the task list; once
 * AWAITING_DEPOSIT, the token allowance and the deposit the API offers (into the escrow, or opening
 * the payment channel); the built-in demo provider provisions and the agreement becomes ACTIVE.
 * Every consumer step runs as soon as the {@link StatusBoard} sees its agreement ready.
 */
final class AgreementSetup {

    /**
     * The first deposit of either model: for an escrow the setup fee and about ten hours of base fee
     * and usage (no bill of the run leaves it low enough to suspend), for a channel room for every
     * cheque of the run.
     */
    static final BigInteger DEPOSIT = BigInteger.valueOf(1_000 + 1_080_000);
    private static final BigInteger MINTED = DEPOSIT.multiply(BigInteger.TWO);
    /** How often a consumer sends its approval again when it is answered 409 concurrent-update. */
    private static final int CONFLICT_TRIES = 5;

    /** An agreement that became ACTIVE, when (since the set-up began), and its consumer's wallet (which signs its cheques). */
    record Active(String id, String offeringId, Duration after, ChainWallet wallet) {
    }

    /**
     * What the set-up achieved: the agreements that became ACTIVE, why each other one did not, and
     * how long it took in all (which includes waiting out the step deadline of stuck agreements).
     */
    record Outcome(List<Active> active, List<String> failures, Duration took) {

        List<Active> on(String offeringId) {
            return active.stream().filter(a -> a.offeringId().equals(offeringId)).toList();
        }

        /** When the last agreement became ACTIVE. */
        Duration lastActive() {
            return active.stream().map(Active::after).max(Duration::compareTo).orElse(Duration.ZERO);
        }
    }

    private final Api consumer;
    private final StatusBoard board;
    private final Approver approver;
    private final ConsumerWallets wallets;
    private final ExecutorService steps;

    AgreementSetup(Api consumer, StatusBoard board, Approver approver, ConsumerWallets wallets, ExecutorService steps) {
        this.consumer = consumer;
        this.board = board;
        this.approver = approver;
        this.wallets = wallets;
        this.steps = steps;
    }

    /**
     * Sets up one agreement on each offering of the list, at most {@code inFlight} of them between
     * their request and ACTIVE at a time (a thousand at once would only queue inside the server,
     * each step of each agreement behind the same step of all the others). An agreement that does
     * not reach a status within {@code stepDeadline}, or gets an incident, is left out and named.
     */
    Outcome activate(List<String> offeringIds, int inFlight, Duration stepDeadline) throws InterruptedException {
        long began = System.nanoTime();
        Semaphore window = new Semaphore(inFlight);
        List<CompletableFuture<Active>> agreements = new ArrayList<>();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "setup-progress"));
        progress.scheduleAtFixedRate(() -> System.out.printf(Locale.ROOT, "  set-up: %s%n", board.counts()), 15, 15, TimeUnit.SECONDS);
        try {
            for (String offeringId : offeringIds) {
                window.acquire();
                CompletableFuture<Active> agreement = CompletableFuture.supplyAsync(() -> new Consumer(wallets.create()), steps)
                        .thenApplyAsync(c -> c.request(offeringId), steps)
                        .thenCompose(c -> board.reaches(c.id, "AWAITING_APPROVAL", stepDeadline).thenApplyAsync(ready -> c.approve(), steps))
                        .thenCompose(c -> board.reaches(c.id, "AWAITING_DEPOSIT", stepDeadline).thenApplyAsync(ready -> c.deposit(), steps))
                        .thenCompose(c -> board.reaches(c.id, "ACTIVE", stepDeadline).thenApply(ready -> c.active(offeringId, Duration.ofNanos(System.nanoTime() - began))));
                agreement.whenComplete((active, failure) -> window.release());
                agreements.add(agreement);
            }
            CompletableFuture.allOf(agreements.toArray(CompletableFuture[]::new)).exceptionally(failed -> null).join();
        } finally {
            progress.shutdownNow();
        }
        List<Active> active = agreements.stream().filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join).toList();
        List<String> failures = agreements.stream().filter(CompletableFuture::isCompletedExceptionally)
                .map(f -> f.handle((a, e) -> String.valueOf(e instanceof CompletionException ? e.getCause() : e)).join())
                .toList();
        return new Outcome(active, failures, Duration.ofNanos(System.nanoTime() - began));
    }

    /** One agreement's consumer: its wallet, and what the API told it so far. */
    private final class Consumer {

        private final ChainWallet wallet;
        private String id;
        private String termsHash;

        Consumer(ChainWallet wallet) {
            this.wallet = wallet;
        }

        Consumer request(String offeringId) {
            JsonNode agreement = expect(consumer.post("/api/v1/agreements", "{\"offeringId\":\"" + offeringId
                    + "\",\"consumerAddress\":\"" + wallet.address() + "\",\"consumerPublicKey\":\"" + wallet.publicKeyHex() + "\"}"), 201);
            id = agreement.get("id").asText();
            termsHash = agreement.get("termsHash").asText();
            approver.expect(id);
            return this;
        }

        /** The API's approval answers with the escrow's on-chain approval, which binds (a channel has none); the tokens come too. */
        Consumer approve() {
            Api.Reply reply;
            int tries = 0;
            do {
                // 409 concurrent-update: the agreement changed under the request (the approver's decision); it asks to try again
                reply = consumer.post("/api/v1/agreements/" + id + "/approval", "{\"decision\":\"APPROVE\",\"termsHash\":\"" + termsHash + "\"}");
            } while (reply.status() == 409 && ++tries < CONFLICT_TRIES);
            JsonNode agreement = expect(reply, 200);
            JsonNode walletInfo = agreement.get("wallet");
            for (WalletCall call : WalletCall.listOf(walletInfo)) {
                if (call.purpose().startsWith("approve")) {
                    wallet.send(call, walletInfo.get("chainId").asLong());
                }
            }
            wallet.send(WalletCalls.mint(walletInfo.get("token").asText(), wallet.address(), MINTED), Anvil.CHAIN_ID);
            return this;
        }

        /** The allowance and the first deposit the API offers, for {@link #DEPOSIT}. */
        Consumer deposit() {
            JsonNode agreement = expect(consumer.get("/api/v1/agreements/" + id), 200);
            for (WalletCall call : ConsumerSide.depositCalls(agreement, DEPOSIT)) {
                wallet.send(call, agreement.at("/wallet/chainId").asLong());
            }
            return this;
        }

        Active active(String offeringId, Duration after) {
            return new Active(id, offeringId, after, wallet);
        }

        private JsonNode expect(Api.Reply reply, int status) {
            if (reply.status() != status) {
                throw new IllegalStateException("agreement " + id + ": " + reply.status() + " " + reply.body());
            }
            return reply.json();
        }
    }
}
