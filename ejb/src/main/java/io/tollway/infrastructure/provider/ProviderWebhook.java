package io.tollway.infrastructure.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers one signed command to a provider's webhook, once. A 2xx answer means the provider has
 * it; anything else is thrown: {@link ProviderUnreachable} when trying again later may work (the
 * delivering job is retried with back-off, see {@link RetrySchedule}), {@link ProviderRefused}
 * when it will not. Over HTTP/1.1 (some provider stacks mishandle the HTTP/2 upgrade), with a
 * connect timeout and a deadline for the whole answer, and never following a redirect: a signed
 * command goes only where it was configured to go.
 */
public class ProviderWebhook {

    private final HttpClient client;
    private final Duration answerTimeout;
    private final Clock clock;

    /** Five seconds to connect, fifteen for the whole answer. */
    public ProviderWebhook() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(15), Clock.systemUTC());
    }

    public ProviderWebhook(Duration connectTimeout, Duration answerTimeout, Clock clock) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.answerTimeout = answerTimeout;
        this.clock = clock;
    }

    /**
     * POSTs {@code command} to {@code url}, signed with {@code secret}.
     *
     * @return {@link DeliveryOutcome#ACCEPTED}, the only outcome that returns
     * @throws ProviderUnreachable no connection, no answer in time, or 5xx/408/425/429
     * @throws ProviderRefused     any other non-2xx answer
     */
    public DeliveryOutcome deliver(URI url, String secret, ProviderCommand command) {
        String endpoint = endpoint(url);
        String body = command.toJson();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(answerTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Tollway-Webhook/1")
                .header("Idempotency-Key", command.idempotencyKey())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();

        HttpResponse<String> answer = send(request, endpoint, command);
        int status = answer.statusCode();
        String excerpt = answer.body();
        String said = "the provider at " + endpoint + " answered " + command.command() + " for agreement "
                + command.agreementId() + " with " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
        return switch (DeliveryOutcome.of(status)) {
            case ACCEPTED -> DeliveryOutcome.ACCEPTED;
            case RETRY -> throw new ProviderUnreachable(said, status, excerpt, null);
            case REFUSED -> throw new ProviderRefused(said, status, excerpt);
        };
    }

    private HttpResponse<String> send(HttpRequest request, String endpoint, ProviderCommand command) {
        String failed = command.command() + " for agreement " + command.agreementId()
                + " did not reach the provider at " + endpoint + ": ";
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, info -> new BodyExcerpt());
        try {
            // the client's own timeout ends with the headers; this deadline also covers the body
            return answer.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ProviderUnreachable(failed + "no answer within " + answerTimeout, 0, "", e);
        } catch (ExecutionException e) {
            throw new ProviderUnreachable(failed + reason(e.getCause()), 0, "", e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderUnreachable(failed + "interrupted", 0, "", e);
        }
    }

    /** The endpoint for messages: scheme, host, port and path; query and user info may hold tokens. */
    static String endpoint(URI url) {
        if (url == null || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("a provider webhook needs an absolute http(s) URL");
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static String reason(Throwable failure) {
        StringBuilder reason = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return reason.append(" (").append(cause.getMessage()).append(')').toString();
            }
        }
        return reason.toString();
    }
}
