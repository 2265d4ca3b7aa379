package io.tollway.ear.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.devkit.Anvil;
import io.tollway.ear.support.Api;
import io.tollway.wallet.ChainWallet;
import io.tollway.wallet.WalletCall;
import io.tollway.wallet.WalletCalls;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings escrow agreements to ACTIVE through the real API and processes, many at once, each as
 * its consumer would: request with a wallet of its own; once AWAITING_APPROVAL, approve the terms
 * through the API and on chain with the wallet (the {@link Approver} approves in the task list
 * meanwhile); once AWAITING_DEPOSIT, the token allowance and the deposit; the built-in demo
 * provider provisions and the agreement becomes ACTIVE. Every consumer step runs as soon as the
 * {@link StatusBoard} sees its agreement ready, so the server always has work in flight.
 */
final class EscrowSetup {

    /** The setup fee and about ten hours of base fee and usage: no bill of the run leaves it low enough to suspend. */
    static final BigInteger DEPOSIT = BigInteger.valueOf(1_000 + 1_080_000);
    private static final BigInteger MINTED = DEPOSIT.multiply(BigInteger.TWO);

    private final Api consumer;
    private final StatusBoard board;
    private final Approver approver;
    private final ConsumerWallets wallets;
    private final ExecutorService steps;

    EscrowSetup(Api consumer, StatusBoard board, Approver approver, ConsumerWallets wallets, ExecutorService steps) {
        this.consumer = consumer;
        this.board = board;
        this.approver = approver;
        this.wallets = wallets;
        this.steps = steps;
    }

    /** The ids of {@code count} agreements on the offering, all ACTIVE; fails naming the agreements that did not get there. */
    List<String> activate(String offeringId, int count, Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        List<CompletableFuture<String>> agreements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            agreements.add(CompletableFuture.supplyAsync(() -> new Consumer(wallets.create()), steps)
                    .thenApplyAsync(c -> c.request(offeringId), steps)
                    .thenCompose(c -> board.reaches(c.id, "AWAITING_APPROVAL", until).thenApplyAsync(ready -> c.approve(), steps))
                    .thenCompose(c -> board.reaches(c.id, "AWAITING_DEPOSIT", until).thenApplyAsync(ready -> c.deposit(), steps))
                    .thenCompose(c -> board.reaches(c.id, "ACTIVE", until).thenApply(ready -> c.id)));
        }
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "setup-progress"));
        progress.scheduleAtFixedRate(() -> System.out.printf(Locale.ROOT, "  set-up: %s%n", board.counts()), 15, 15, TimeUnit.SECONDS);
        try {
            CompletableFuture.allOf(agreements.toArray(CompletableFuture[]::new)).exceptionally(failed -> null).join();
        } finally {
            progress.shutdownNow();
        }
        List<String> failures = agreements.stream().filter(CompletableFuture::isCompletedExceptionally)
                .map(f -> f.handle((id, e) -> e instanceof CompletionException ? e.getCause().toString() : String.valueOf(e)).join())
                .toList();
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + count + " agreements did not become ACTIVE (" + board.counts()
                    + "); the first: " + failures.subList(0, Math.min(5, failures.size())));
        }
        return agreements.stream().map(CompletableFuture::join).toList();
    }

    /** One agreement's consumer: its wallet, and what the API told it so far. */
    private final class Consumer {

        private final ChainWallet wallet;
        private String id;
        private String termsHash;
        private JsonNode walletInfo;
        private String onChainId;

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

        /** The API's approval answers with the wallet's on-chain approval, which binds; the tokens for the deposit come with it. */
        Consumer approve() {
            JsonNode agreement = expect(consumer.post("/api/v1/agreements/" + id + "/approval",
                    "{\"decision\":\"APPROVE\",\"termsHash\":\"" + termsHash + "\"}"), 200);
            walletInfo = agreement.get("wallet");
            onChainId = agreement.get("onChainId").asText();
            for (WalletCall call : WalletCall.listOf(walletInfo)) {
                wallet.send(call, walletInfo.get("chainId").asLong());
            }
            wallet.send(WalletCalls.mint(token(), wallet.address(), MINTED), Anvil.CHAIN_ID);
            return this;
        }

        Consumer deposit() {
            String escrow = walletInfo.get("escrow").asText();
            wallet.send(WalletCalls.allowDeposits(token(), escrow, DEPOSIT), Anvil.CHAIN_ID);
            wallet.send(WalletCalls.deposit(WalletCalls.DEPOSIT, escrow, new BigInteger(onChainId), DEPOSIT), Anvil.CHAIN_ID);
            return this;
        }

        private String token() {
            return walletInfo.get("token").asText();
        }

        private JsonNode expect(Api.Reply reply, int status) {
            if (reply.status() != status) {
                throw new IllegalStateException("agreement " + id + ": " + reply.status() + " " + reply.body());
            }
            return reply.json();
        }
    }
}
