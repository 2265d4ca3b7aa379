package io.tollway.ear.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Requests from concurrent clients, each sending its next request when the previous one is
 * answered (a closed loop, as API clients behave; no request waits in this JVM for a free client,
 * so a latency is the server's answer time and the network's only). All clients start together and
 * the run lasts until the last answer.
 */
final class LoadRun {

    /** Status {@code -1}: no answer (connection failed or timed out). */
    static final int NO_ANSWER = -1;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What a run measured: the answers by status, every request's latency, and the run's length. */
    record Result(int requests, Map<Integer, Integer> statuses, Distribution latencies, Duration elapsed) {

        int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        double perSecond(int status) {
            return count(status) / (elapsed.toNanos() / 1e9);
        }

        /** Every answer other than {@code expected}, by status. */
        Map<Integer, Integer> others(int expected) {
            Map<Integer, Integer> others = new TreeMap<>(statuses);
            others.remove(expected);
            return others;
        }
    }

    // HTTP/1.1 as the server speaks it; the default would try to upgrade every new connection to HTTP/2 first
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A request builder with the timeout and the API key every request of a run carries. */
    static HttpRequest.Builder authorized(URI uri, String apiKey) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + apiKey);
    }

    /** {@code requests} requests, the i-th made by {@code request.apply(i)}, taken in turn by {@code clients} clients. */
    Result run(int clients, int requests, IntFunction<HttpRequest> request) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        return measure(clients, requests, (client, recorder) -> {
            for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                recorder.send(request.apply(i));
            }
        });
    }

    /**
     * One client per queue, each sending its own queue's requests in their order: requests that
     * must arrive in order (a channel's cheques, each above the last) go in the same queue.
     */
    Result runQueues(List<List<HttpRequest>> queues) throws InterruptedException {
        return measure(queues.size(), queues.stream().mapToInt(List::size).sum(), (client, recorder) -> {
            for (HttpRequest request : queues.get(client)) {
                recorder.send(request);
            }
        });
    }

    private interface Client {
        void run(int index, Recorder recorder) throws InterruptedException;
    }

    /** Sends a request and keeps its status and latency; shared by the clients, one slot per request. */
    private final class Recorder {

        final long[] latencies;
        final int[] statuses;
        private final AtomicInteger slots = new AtomicInteger();

        Recorder(int requests) {
            latencies = new long[requests];
            statuses = new int[requests];
        }

        void send(HttpRequest request) throws InterruptedException {
            int slot = slots.getAndIncrement();
            long sent = System.nanoTime();
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = NO_ANSWER;
            }
            latencies[slot] = System.nanoTime() - sent;
            statuses[slot] = status;
        }
    }

    private Result measure(int clients, int requests, Client client) throws InterruptedException {
        Recorder recorder = new Recorder(requests);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "load-client"));
        try {
            Future<?>[] running = new Future<?>[clients];
            for (int c = 0; c < clients; c++) {
                int index = c;
                running[c] = pool.submit(() -> {
                    start.await();
                    client.run(index, recorder);
                    return null;
                });
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> each : running) {
                each.get();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (int status : recorder.statuses) {
                byStatus.merge(status, 1, Integer::sum);
            }
            return new Result(requests, byStatus, new Distribution(recorder.latencies), elapsed);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load client failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
