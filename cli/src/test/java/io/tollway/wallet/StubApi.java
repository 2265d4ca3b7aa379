package io.tollway.wallet;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for Tollway's API on a free port: fixed answers by method and path, and a record of what it was asked. */
final class StubApi implements AutoCloseable {

    record Answer(int status, String contentType, String body) {
    }

    record Asked(String method, String pathAndQuery, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Asked> asked = new CopyOnWriteArrayList<>();

    StubApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            asked.add(new Asked(exchange.getRequestMethod(), target, exchange.getRequestHeaders().getFirst("Authorization"), body));
            Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + target,
                    new Answer(404, "text/html", "<html>no such page</html>"));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    StubApi answer(String methodAndPath, int status, String json) {
        answers.put(methodAndPath, new Answer(status, "application/json", json));
        return this;
    }

    StubApi problem(String methodAndPath, int status, String kind, String detail) {
        answers.put(methodAndPath, new Answer(status, "application/problem+json",
                "{\"type\":\"https://tollway.io/problems/" + kind + "\",\"title\":\"Error\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}"));
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
