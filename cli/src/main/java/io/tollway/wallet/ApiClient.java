package io.tollway.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Tollway's API as the consumer uses it, over {@code java.net.http}. Answers are returned as the
 * JSON the API sent (the agreement view, the offering page, …); an error answer is thrown as
 * {@link ApiProblem}; a server that cannot be reached as {@link UncheckedIOException}.
 */
public final class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http;

    /**
     * @param base  where Tollway runs, e.g. {@code http://localhost:8080} (a trailing {@code /api/v1} is fine too)
     * @param token the caller's API key, or null for the public endpoints only
     */
    public ApiClient(URI base, String token) {
        this(base, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public ApiClient(URI base, String token, HttpClient http) {
        String root = base.toString().replaceAll("/+$", "");
        if (root.endsWith("/api/v1")) {
            root = root.substring(0, root.length() - "/api/v1".length());
        }
        this.base = URI.create(root + "/api/v1/");
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = http;
    }

    /** {@code GET /offerings}: a page ({@code items}, {@code offset}, {@code limit}, {@code total}). */
    public JsonNode offerings() {
        return get("offerings");
    }

    /** {@code GET /chain}: {@code chainId}, {@code headBlock} and the contracts' addresses by name. */
    public JsonNode chain() {
        return get("chain");
    }

    /** {@code POST /agreements}: the consumer's request, with its wallet's address and public key. */
    public JsonNode requestAgreement(String offeringId, String consumerAddress, String consumerPublicKey) {
        ObjectNode body = JSON.createObjectNode().put("offeringId", offeringId).put("consumerAddress", consumerAddress)
                .put("consumerPublicKey", consumerPublicKey);
        return post("agreements", body);
    }

    /** {@code GET /agreements/{id}}, with the escrow's own figures when {@code withChain}. */
    public JsonNode agreement(String id, boolean withChain) {
        return get("agreements/" + segment(id) + (withChain ? "?chain=true" : ""));
    }

    /** {@code GET /agreements/{id}/bills}: the newest {@code limit} bills, with how many there are in all ({@code total}). */
    public JsonNode bills(String id, int limit) {
        return get("agreements/" + segment(id) + "/bills?limit=" + limit);
    }

    /** {@code POST /agreements/{id}/approval} APPROVE of the terms with this hash; answers the agreement with its wallet calls. */
    public JsonNode approve(String id, String termsHash) {
        return post("agreements/" + segment(id) + "/approval",
                JSON.createObjectNode().put("decision", "APPROVE").put("termsHash", termsHash));
    }

    /** {@code POST /agreements/{id}/approval} REJECT, with the reason. */
    public JsonNode reject(String id, String reason) {
        return post("agreements/" + segment(id) + "/approval",
                JSON.createObjectNode().put("decision", "REJECT").put("reason", reason));
    }

    /**
     * {@code POST /agreements/{id}/cheques}: the consumer's cheque for its channel, the cumulative
     * {@code balance} with its EIP-712 signature (0x r ‖ s ‖ v). Answers {@code channelKey},
     * {@code balance}, {@code paid} (what it added), {@code unpaidUnits} and {@code receivedAt}; a
     * refused cheque is an {@link ApiProblem} of type {@code cheque-refused} (422).
     */
    public JsonNode cheque(String id, BigInteger balance, String signature) {
        return post("agreements/" + segment(id) + "/cheques",
                JSON.createObjectNode().put("balance", balance.toString()).put("signature", signature));
    }

    /** {@code POST /agreements/{id}/stop}. */
    public JsonNode stop(String id) {
        return post("agreements/" + segment(id) + "/stop", null);
    }

    /** Any GET under {@code /api/v1/} ({@code path} relative, e.g. {@code "agreements?limit=10"}). */
    public JsonNode get(String path) {
        return exchange(request(path).GET());
    }

    /** Any POST under {@code /api/v1/}, with a JSON body (null for none). */
    public JsonNode post(String path, JsonNode body) {
        String text;
        try {
            text = body == null ? "" : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return exchange(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private JsonNode exchange(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new UncheckedIOException("cannot reach the API at " + base + " (is Tollway running?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400) {
            throw problem(request, response.statusCode(), body);
        }
        if (body == null) {
            throw new UncheckedIOException(new IOException(request.method() + " " + request.uri() + " answered HTTP "
                    + response.statusCode() + " with a body that is not JSON (is --api Tollway's address?)"));
        }
        return body;
    }

    private static ApiProblem problem(HttpRequest request, int status, JsonNode body) {
        if (body != null && body.hasNonNull("type")) {
            return new ApiProblem(status, body.path("type").asText(), body.path("title").asText(null), body.path("detail").asText(null));
        }
        return new ApiProblem(status, "about:blank", "HTTP " + status,
                request.method() + " " + request.uri() + " answered HTTP " + status + " without a problem description");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null; // not JSON: an error page; the status tells the rest
        }
    }

    private static String segment(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an agreement id is required");
        }
        return URLEncoder.encode(id.strip(), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
