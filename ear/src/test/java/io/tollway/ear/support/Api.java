package io.tollway.ear.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A client of Tollway's HTTP interfaces for the end-to-end tests: JSON in, status and JSON out. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The demo accounts' API keys (see DemoAccounts); the test servers create them. */
    public static final String ADMIN = "demo-admin-key";
    public static final String APPROVER = "demo-approver-key";
    public static final String PROVIDER = "demo-provider-key";
    public static final String CONSUMER = "demo-consumer-key";
    public static final String OTHER_CONSUMER = "demo-consumer-2-key";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    /** Sent as the bearer token; null: anonymous. */
    private final String apiKey;

    /** A client acting as the demo admin. */
    public Api(String base) {
        this(base, ADMIN);
    }

    public Api(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** The same server, as another caller (null: anonymous). */
    public Api as(String otherKey) {
        return new Api(base, otherKey);
    }

    public record Reply(int status, String contentType, String body, HttpHeaders headers) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with one more header besides the usual ones. */
    public Reply post(String path, String json, String header, String value) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Reply send(HttpRequest.Builder request) {
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Escrow terms that any escrow offering of a test may carry. */
    public static final String ESCROW_TERMS =
            "{\"setupFee\":\"1000\",\"baseFeePerHour\":\"3600\",\"variableFeePerHour\":\"7200\",\"lockupSeconds\":0,\"uptimeArbitration\":false}";
    /** Channel terms that any channel offering of a test may carry. */
    public static final String CHANNEL_TERMS = "{\"unitName\":\"MB\",\"unitPrice\":\"10\",\"setupPrice\":\"0\",\"minUnits\":10,"
            + "\"maxUnits\":100000,\"maxBillingUnitLag\":50,\"maxInactiveSeconds\":3600,\"maxSuspendSeconds\":3600,\"supply\":10}";

    /** The body of a new escrow offering with {@link #ESCROW_TERMS}. */
    public static String escrowOffering(String name) {
        return "{\"providerId\":\"provider-it\",\"name\":\"" + name + "\",\"settlementModel\":\"ESCROW\",\"escrow\":" + ESCROW_TERMS + "}";
    }

    /** Submits an escrow offering and returns its id. */
    public String submitOffering(String name) {
        Reply reply = post("/api/v1/offerings", escrowOffering(name));
        if (reply.status() != 201) {
            throw new AssertionError("offering not created: " + reply);
        }
        return reply.json().get("id").asText();
    }

    public JsonNode offering(String id) {
        return get("/api/v1/offerings/" + id).json();
    }

    /** The id of the open review task of an offering. */
    public String reviewTaskOf(String offeringId) {
        for (JsonNode task : get("/api/v1/review-tasks?limit=200").json()) {
            if (task.get("offeringId").asText().equals(offeringId)) {
                return task.get("id").asText();
            }
        }
        throw new AssertionError("no open review task for offering " + offeringId);
    }

    public void armFault(String point, int times) {
        Reply reply = post("/api/v1/test-support/faults", "{\"point\":\"" + point + "\",\"times\":" + times + "}");
        if (reply.status() != 200) {
            throw new AssertionError("fault not armed: " + reply);
        }
    }

    public void moveEngineClock(Duration by) {
        Reply reply = post("/api/v1/test-support/clock", "{\"seconds\":" + by.toSeconds() + "}");
        if (reply.status() != 200) {
            throw new AssertionError("clock not moved: " + reply);
        }
    }
}
