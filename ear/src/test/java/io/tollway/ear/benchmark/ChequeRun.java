package io.tollway.ear.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.Api;
import io.tollway.wallet.ChequeTypedData;

import java.math.BigInteger;
import java.net.URI;
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
 * round its channels, so every client always has work. Each channel's first {@code perChannel}
 * cheques warm the server up and are not measured; the next {@code perChannel} are.
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
        List<CompletableFuture<List<LoadRun.Request>>> signed = channels.stream()
                .map(channel -> CompletableFuture.supplyAsync(() -> cheques(channel, 2 * perChannel), signers)).toList();
        List<List<LoadRun.Request>> byChannel = signed.stream().map(CompletableFuture::join).toList();
        Duration signing = Duration.ofNanos(System.nanoTime() - began);

        LoadRun load = new LoadRun();
        load.runQueues(byClient(byChannel, 0, perChannel, clients));
        return new Result(load.runQueues(byClient(byChannel, perChannel, 2 * perChannel, clients)), signing);
    }

    /** Each channel's cheques {@code from} to {@code to} - 1, dealt out over the clients in rounds. */
    private static List<List<LoadRun.Request>> byClient(List<List<LoadRun.Request>> byChannel, int from, int to, int clients) {
        int queues = Math.min(clients, byChannel.size());
        List<List<LoadRun.Request>> byClient = new ArrayList<>();
        for (int c = 0; c < queues; c++) {
            byClient.add(new ArrayList<>());
        }
        for (int round = from; round < to; round++) {
            for (int channel = 0; channel < byChannel.size(); channel++) {
                byClient.get(channel % queues).add(byChannel.get(channel).get(round));
            }
        }
        return byClient;
    }

    /** The channel's cheques for the balances 1 to {@code count}, signed, as requests in their order. */
    private List<LoadRun.Request> cheques(AgreementSetup.Active channel, int count) {
        Api.Reply reply = consumer.get("/api/v1/agreements/" + channel.id());
        if (reply.status() != 200) {
            throw new IllegalStateException("agreement " + channel.id() + ": " + reply.status() + " " + reply.body());
        }
        JsonNode agreement = reply.json();
        long chainId = agreement.at("/wallet/chainId").asLong();
        String contract = agreement.at("/wallet/contract").asText();
        String key = agreement.at("/channel/key").asText();
        URI uri = URI.create(base + "/api/v1/agreements/" + channel.id() + "/cheques");
        List<LoadRun.Request> requests = new ArrayList<>();
        for (int balance = 1; balance <= count; balance++) {
            ChequeTypedData cheque = new ChequeTypedData(chainId, contract, key, BigInteger.valueOf(balance));
            String signature = channel.wallet().signTypedData(cheque.json());
            requests.add(LoadRun.Request.post(uri, Api.CONSUMER, "{\"balance\":\"" + balance + "\",\"signature\":\"" + signature + "\"}"));
        }
        return requests;
    }
}
