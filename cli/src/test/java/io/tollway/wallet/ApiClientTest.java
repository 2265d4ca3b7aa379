package io.tollway.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StubApi stub = new StubApi();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void sendsTheKeyAsBearerAndTheBodiesTheApiTakes() throws Exception {
        stub.answer("POST /api/v1/agreements", 201, "{\"id\":\"a-1\",\"status\":\"REQUESTED\"}")
                .answer("POST /api/v1/agreements/a-1/approval", 200, "{\"id\":\"a-1\"}")
                .answer("POST /api/v1/agreements/a-1/stop", 202, "{\"id\":\"a-1\",\"status\":\"ACTIVE\"}")
                .answer("GET /api/v1/agreements/a-1?chain=true", 200, "{\"id\":\"a-1\"}");
        ApiClient api = new ApiClient(stub.uri(), "demo-consumer-key");

        JsonNode created = api.requestAgreement("o-1", "0xabc", "0x04");
        api.approve("a-1", "0xhash");
        api.reject("a-1", "too expensive");
        api.stop("a-1");
        api.agreement("a-1", true);

        assertThat(created.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(stub.asked).extracting(StubApi.Asked::authorization).containsOnly("Bearer demo-consumer-key");
        assertThat(stub.asked).extracting(a -> a.method() + " " + a.pathAndQuery()).containsExactly(
                "POST /api/v1/agreements", "POST /api/v1/agreements/a-1/approval", "POST /api/v1/agreements/a-1/approval",
                "POST /api/v1/agreements/a-1/stop", "GET /api/v1/agreements/a-1?chain=true");
        assertThat(JSON.readTree(stub.asked.get(0).body())).isEqualTo(JSON.readTree(
                "{\"offeringId\":\"o-1\",\"consumerAddress\":\"0xabc\",\"consumerPublicKey\":\"0x04\"}"));
        assertThat(JSON.readTree(stub.asked.get(1).body())).isEqualTo(JSON.readTree("{\"decision\":\"APPROVE\",\"termsHash\":\"0xhash\"}"));
        assertThat(JSON.readTree(stub.asked.get(2).body())).isEqualTo(JSON.readTree("{\"decision\":\"REJECT\",\"reason\":\"too expensive\"}"));
    }

    @Test
    void withoutAKeyNoAuthorizationHeaderAndTheBaseMayNameTheApiPath() {
        stub.answer("GET /api/v1/offerings", 200, "{\"items\":[],\"total\":0}");

        new ApiClient(URI.create(stub.uri() + "/api/v1/"), null).offerings();

        assertThat(stub.asked).singleElement().satisfies(a -> {
            assertThat(a.pathAndQuery()).isEqualTo("/api/v1/offerings");
            assertThat(a.authorization()).isNull();
        });
    }

    @Test
    void aProblemAnswerIsThrownWithItsTypeAndDetail() {
        stub.problem("GET /api/v1/agreements/nope", 404, "not-found", "no agreement nope");
        ApiClient api = new ApiClient(stub.uri(), "demo-consumer-key");

        assertThatThrownBy(() -> api.agreement("nope", false)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(404);
            assertThat(p.type()).isEqualTo("https://tollway.io/problems/not-found");
            assertThat(p.detail()).isEqualTo("no agreement nope");
        });
    }

    @Test
    void anErrorThatIsNoProblemAnswerStillSaysWhatWasAsked() {
        ApiClient api = new ApiClient(stub.uri(), null);

        assertThatThrownBy(api::chain).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.type()).isEqualTo("about:blank");
            assertThat(p.detail()).isEqualTo("GET " + stub.uri() + "/api/v1/chain answered HTTP 404 without a problem description");
        });
    }

    @Test
    void anUnreachableServerIsAnIoFailureNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port), null);

        assertThatThrownBy(api::offerings).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot reach the API at http://127.0.0.1:" + port + "/api/v1/ (is Tollway running?)");
    }
}
