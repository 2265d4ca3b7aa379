package io.tollway.infrastructure.provider;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tollway.domain.model.agreement.ProviderCommandKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real HTTP server on 127.0.0.1, answering as each test tells it to. */
class ProviderWebhookTest {

    private static final String SECRET = "whsec_5f1d0c2e9a";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration ANSWER_TIMEOUT = Duration.ofMillis(500);
    private static final ProviderCommand COMMAND = ProviderCommand.of("a-1", ProviderCommandKind.PROVISION, 1,
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "o-1");

    private final ProviderWebhook webhook = new ProviderWebhook(Duration.ofSeconds(1), ANSWER_TIMEOUT,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private HttpServer server;
    private ExecutorService serverThreads;
    private volatile Responder responder;
    private volatile Headers receivedHeaders;
    private volatile String receivedBody;

    interface Responder {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    @BeforeEach
    void startProvider() throws IOException {
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            receivedHeaders = exchange.getRequestHeaders();
            receivedBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                responder.answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stopProvider() throws InterruptedException {
        server.stop(0);
        serverThreads.shutdownNow();
        serverThreads.awaitTermination(5, TimeUnit.SECONDS);
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/tollway?token=s3cr3t-in-query");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Test
    void aTwoHundredIsAcceptedAndCarriesASignatureTheProviderCanVerify() {
        responder = exchange -> answer(exchange, 200, "{\"ok\":true}");

        assertThat(webhook.deliver(hook(), SECRET, COMMAND)).isEqualTo(DeliveryOutcome.ACCEPTED);

        String timestamp = receivedHeaders.getFirst(WebhookSignature.TIMESTAMP_HEADER);
        String signature = receivedHeaders.getFirst(WebhookSignature.SIGNATURE_HEADER);
        assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(WebhookSignature.verify(SECRET, timestamp, receivedBody, signature, NOW, WebhookSignature.DEFAULT_TOLERANCE))
                .isTrue();
        assertThat(ProviderCommand.fromJson(receivedBody)).isEqualTo(COMMAND);
        assertThat(receivedHeaders.getFirst("Idempotency-Key")).isEqualTo("a-1:PROVISION:1");
        assertThat(receivedHeaders.getFirst("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void aTwoHundredTwoWithoutBodyIsAcceptedToo() {
        responder = exchange -> answer(exchange, 202, "");

        assertThat(webhook.deliver(hook(), SECRET, COMMAND)).isEqualTo(DeliveryOutcome.ACCEPTED);
    }

    @Test
    void aFiveHundredThreeIsWorthRetrying() {
        responder = exchange -> answer(exchange, 503, "down for maintenance\nback at 02:00");

        assertThatThrownBy(() -> webhook.deliver(hook(), SECRET, COMMAND))
                .isInstanceOfSatisfying(ProviderUnreachable.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.bodyExcerpt()).isEqualTo("down for maintenance back at 02:00");
                    assertThat(e.getMessage()).contains("503", "PROVISION", "a-1", "/hooks/tollway", "down for maintenance")
                            .doesNotContain(SECRET, "s3cr3t-in-query");
                });
    }

    @Test
    void tooManyRequestsIsWorthRetrying() {
        responder = exchange -> answer(exchange, 429, "slow down");

        assertThatThrownBy(() -> webhook.deliver(hook(), SECRET, COMMAND))
                .isInstanceOfSatisfying(ProviderUnreachable.class, e -> assertThat(e.status()).isEqualTo(429));
    }

    @Test
    void aFourHundredIsRefusedAndNotWorthRetrying() {
        responder = exchange -> answer(exchange, 400, "{\"error\":\"unknown offering o-1\"}");

        assertThatThrownBy(() -> webhook.deliver(hook(), SECRET, COMMAND))
                .isInstanceOfSatisfying(ProviderRefused.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.bodyExcerpt()).isEqualTo("{\"error\":\"unknown offering o-1\"}");
                    assertThat(e.getMessage()).contains("400", "unknown offering").doesNotContain(SECRET, "s3cr3t-in-query");
                });
    }

    @Test
    void aRedirectIsNotFollowedWithASignedBody() {
        responder = exchange -> {
            exchange.getResponseHeaders().add("Location", "http://elsewhere.example/steal");
            answer(exchange, 302, "");
        };

        assertThatThrownBy(() -> webhook.deliver(hook(), SECRET, COMMAND))
                .isInstanceOfSatisfying(ProviderRefused.class, e -> assertThat(e.status()).isEqualTo(302));
    }

    @Test
    void aRefusedConnectionIsWorthRetrying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> webhook.deliver(URI.create("http://127.0.0.1:" + closedPort + "/hook"), SECRET, COMMAND))
                .isInstanceOfSatisfying(ProviderUnreachable.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("did not reach the provider at http://127.0.0.1:" + closedPort + "/hook",
                            "ConnectException").doesNotContain(SECRET);
                });
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsWorthRetrying() {
        responder = exchange -> {
            Thread.sleep(5_000);
            answer(exchange, 200, "");
        };
        long started = System.nanoTime();

        assertThatThrownBy(() -> webhook.deliver(hook(), SECRET, COMMAND))
                .isInstanceOfSatisfying(ProviderUnreachable.class, e -> assertThat(e.status()).isZero());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aBodyThatTricklesInIsCutOffByTheSameDeadline() {
        responder = exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 50; i++) {
                out.write('.');
                out.flush();
                Thread.sleep(100);
            }
            out.close();
        };
        long started = System.nanoTime();

        assertThatThrownBy(() -> webhook.deliver(hook(), SECRET, COMMAND)).isInstanceOf(ProviderUnreachable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aHugeAnswerCostsOnlyItsExcerpt() {
        responder = exchange -> answer(exchange, 500, "x".repeat(5_000_000));

        assertThatThrownBy(() -> webhook.deliver(hook(), SECRET, COMMAND))
                .isInstanceOfSatisfying(ProviderUnreachable.class,
                        e -> assertThat(e.bodyExcerpt()).hasSize(BodyExcerpt.LIMIT));
    }

    @Test
    void onlyAbsoluteHttpUrlsAreProviderWebhooks() {
        assertThatThrownBy(() -> webhook.deliver(URI.create("ftp://provider.example/hook"), SECRET, COMMAND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> webhook.deliver(URI.create("/hook"), SECRET, COMMAND))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusesMeanWhatTheWebhookContractSays() {
        assertThat(DeliveryOutcome.of(200)).isEqualTo(DeliveryOutcome.ACCEPTED);
        assertThat(DeliveryOutcome.of(204)).isEqualTo(DeliveryOutcome.ACCEPTED);
        assertThat(DeliveryOutcome.of(500)).isEqualTo(DeliveryOutcome.RETRY);
        assertThat(DeliveryOutcome.of(408)).isEqualTo(DeliveryOutcome.RETRY);
        assertThat(DeliveryOutcome.of(425)).isEqualTo(DeliveryOutcome.RETRY);
        assertThat(DeliveryOutcome.of(401)).isEqualTo(DeliveryOutcome.REFUSED);
        assertThat(DeliveryOutcome.of(404)).isEqualTo(DeliveryOutcome.REFUSED);
        assertThat(DeliveryOutcome.of(301)).isEqualTo(DeliveryOutcome.REFUSED);
    }
}
