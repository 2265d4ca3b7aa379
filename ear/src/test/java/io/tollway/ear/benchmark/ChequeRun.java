package io.tollway.ear.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.Api;
import io.tollway.wallet.ChequeTypedData;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Cheques from the consumers of the channel agreements: every channel gets cheques for the
 * cumulative balances 1, 2, 3, …, all signed by its consumer's wallet before the clock starts, so
 * the figure is the server's verifying (EIP-712 signer recovery) and storing, not the wallets'
 * signing. A channel's cheques all go through one client in order, because a cheque is accepted
 * only above the channel's best; the channels are dealt out over the clients and each client goes
 * round its channels, so every client always has work.
 */
final class ChequeRun {

    /** What a run measured, and how long the signing beforehand took. */
    record Result(LoadRun.Result load, Duration signing) {
    }

    private final Api consumer;
    private final String base;
    private final ExecutorService signers;

    ChequeRun(Api consumer, String base, ExecutorService signers) {
        this.consumer = consumer;
        this.base = base;
        this.signers = signers;
    }

    Result run(List<AgreementSetup.Active> channels, int perChannel, int clients) throws InterruptedException {
        long began = System.nanoTime();
        List<CompletableFuture<List<HttpRequest>>> signed = channels.stream()
                .map(channel -> CompletableFuture.supplyAsync(() -> cheques(channel, perChannel), signers)).toList();
        List<List<HttpRequest>> byChannel = signed.stream().map(CompletableFuture::join).toList();
        Duration signing = Duration.ofNanos(System.nanoTime() - began);

        int queues = Math.min(clients, channels.size());
        List<List<HttpRequest>> byClient = new ArrayList<>();
        for (int c = 0; c < queues; c++) {
            byClient.add(new ArrayList<>());
        }
        for (int round = 0; round < perChannel; round++) {
            for (int channel = 0; channel < byChannel.size(); channel++) {
                byClient.get(channel % queues).add(byChannel.get(channel).get(round));
            }
        }
        return new Result(new LoadRun().runQueues(byClient), signing);
    }

    /** The channel's cheques for the balances 1 to {@code count}, signed, as requests in their order. */
    private List<HttpRequest> cheques(AgreementSetup.Active channel, int count) {
        Api.Reply reply = consumer.get("/api/v1/agreements/" + channel.id());
        if (reply.status() != 200) {
            throw new IllegalStateException("agreement " + channel.id() + ": " + reply.status() + " " + reply.body());
        }
        JsonNode agreement = reply.json();
        long chainId = agreement.at("/wallet/chainId").asLong();
        String contract = agreement.at("/wallet/contract").asText();
        String key = agreement.at("/channel/key").asText();
        URI uri = URI.create(base + "/api/v1/agreements/" + channel.id() + "/cheques");
        List<HttpRequest> requests = new ArrayList<>();
        for (int balance = 1; balance <= count; balance++) {
            ChequeTypedData cheque = new ChequeTypedData(chainId, contract, key, BigInteger.valueOf(balance));
            String signature = channel.wallet().signTypedData(cheque.json());
            requests.add(LoadRun.authorized(uri, Api.CONSUMER).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"balance\":\"" + balance + "\",\"signature\":\"" + signature + "\"}"))
                    .build());
        }
        return requests;
    }
}
