package io.tollway.ear.benchmark;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.URI;
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
 *
 * <p>Each client writes and reads its own connection on its own thread (Apache HttpClient's classic,
 * blocking API). The JDK's {@code HttpClient} hands every answer from one selector thread to an
 * executor thread and then to the waiting client: on two cores shared with the server, those
 * threads' turns were counted in every latency, and the clients took about twice the CPU.
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

    /** One request of a run: a GET, or a POST of a JSON body; with the caller's API key. */
    record Request(URI uri, String apiKey, String json) {

        static Request get(URI uri, String apiKey) {
            return new Request(uri, apiKey, null);
        }

        static Request post(URI uri, String apiKey, String json) {
            return new Request(uri, apiKey, json);
        }
    }

    /** {@code requests} requests, the i-th made by {@code request.apply(i)}, taken in turn by {@code clients} clients. */
    Result run(int clients, int requests, IntFunction<Request> request) throws InterruptedException {
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
    Result runQueues(List<List<Request>> queues) throws InterruptedException {
        return measure(queues.size(), queues.stream().mapToInt(List::size).sum(), (client, recorder) -> {
            for (Request request : queues.get(client)) {
                recorder.send(request);
            }
        });
    }

    private interface Client {
        void run(int index, Recorder recorder) throws InterruptedException;
    }

    /** Sends a request and keeps its status and latency; shared by the clients, one slot per request. */
    private static final class Recorder {

        final long[] latencies;
        final int[] statuses;
        private final AtomicInteger slots = new AtomicInteger();
        private final CloseableHttpClient http;

        Recorder(int requests, CloseableHttpClient http) {
            latencies = new long[requests];
            statuses = new int[requests];
            this.http = http;
        }

        void send(Request request) throws InterruptedException {
            int slot = slots.getAndIncrement();
            long sent = System.nanoTime();
            int status;
            try {
                status = http.execute(classic(request), response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                });
            } catch (IOException e) {
                status = NO_ANSWER;
            }
            latencies[slot] = System.nanoTime() - sent;
            statuses[slot] = status;
        }
    }

    private static ClassicHttpRequest classic(Request request) {
        ClassicHttpRequest classic;
        if (request.json() == null) {
            classic = new HttpGet(request.uri());
        } else {
            HttpPost post = new HttpPost(request.uri());
            post.setEntity(new StringEntity(request.json(), ContentType.APPLICATION_JSON));
            classic = post;
        }
        classic.setHeader("Authorization", "Bearer " + request.apiKey());
        return classic;
    }

    /**
     * A client for a run's threads: a connection each, kept between its requests (HTTP/1.1, as
     * the server speaks it), read and written on the client's own thread; never a retry.
     */
    private static CloseableHttpClient client(int clients) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(clients).setMaxConnPerRoute(clients)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(Timeout.of(TIMEOUT)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(TIMEOUT)).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableContentCompression()
                .build();
    }

    private Result measure(int clients, int requests, Client client) throws InterruptedException {
        CloseableHttpClient http = client(clients);
        Recorder recorder = new Recorder(requests, http);
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
            try {
                http.close();
            } catch (IOException e) {
                // the run's figures are taken; a connection that fails to close changes none of them
            }
        }
    }
}
