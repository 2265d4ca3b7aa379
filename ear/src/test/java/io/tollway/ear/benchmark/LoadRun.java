package io.tollway.ear.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A fixed number of requests from concurrent clients, each sending its next request when the
 * previous one is answered (a closed loop, as API clients behave; no request waits in this JVM
 * for a free client, so a latency is the server's answer time and the network's only). All
 * clients start together and the run lasts until the last answer.
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

    /** Sends {@code requests} requests, the i-th made by {@code request.apply(i)}, from {@code clients} clients. */
    Result run(int clients, int requests, IntFunction<HttpRequest> request) throws InterruptedException {
        long[] latencies = new long[requests];
        int[] statuses = new int[requests];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "load-client"));
        try {
            Future<?>[] running = new Future<?>[clients];
            for (int c = 0; c < clients; c++) {
                running[c] = pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        HttpRequest built = request.apply(i);
                        long sent = System.nanoTime();
                        statuses[i] = send(built);
                        latencies[i] = System.nanoTime() - sent;
                    }
                    return null;
                });
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> client : running) {
                client.get();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (int status : statuses) {
                byStatus.merge(status, 1, Integer::sum);
            }
            return new Result(requests, byStatus, new Distribution(latencies), elapsed);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a load client failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private int send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return NO_ANSWER;
        }
    }

    /** A request builder with the timeout and the API key every request of a run carries. */
    static HttpRequest.Builder authorized(java.net.URI uri, String apiKey) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + apiKey);
    }
}
