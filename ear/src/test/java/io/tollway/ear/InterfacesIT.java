package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.devkit.FreePort;
import io.tollway.ear.support.Api;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.TestEnvironment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployed EAR's interfaces: health, the API's documents and errors, the console's first page. */
@ExtendWith(ArquillianExtension.class)
class InterfacesIT {

    private final Api api = new Api(TestEnvironment.baseUrl());

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @Test
    void healthReportsDatabaseProcessEngineAndChainUp() {
        Api.Reply reply = api.get("/health");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode health = reply.json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/database/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/processEngine/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/chain/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/chain/details/chainId").asText()).isEqualTo("31337");
    }

    @Test
    void healthAnswers503AndNamesThePartThatIsDown() throws Exception {
        int nothingListens = FreePort.find();
        TestEnvironment.glassFish().setSystemProperty("tollway.rpc-url", "http://127.0.0.1:" + nothingListens);
        try {
            Api.Reply reply = api.get("/health");

            assertThat(reply.status()).isEqualTo(503);
            JsonNode health = reply.json();
            assertThat(health.get("status").asText()).isEqualTo("DOWN");
            assertThat(health.at("/components/chain/status").asText()).isEqualTo("DOWN");
            assertThat(health.at("/components/chain/details/error").asText()).isNotBlank();
            assertThat(health.at("/components/database/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/processEngine/status").asText()).isEqualTo("UP");
        } finally {
            TestEnvironment.glassFish().setSystemProperty("tollway.rpc-url", TestEnvironment.anvil().rpcUrl());
        }
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void chainResourceNamesTheDeployedContracts() {
        JsonNode chain = api.get("/api/v1/chain").json();

        assertThat(chain.get("chainId").asLong()).isEqualTo(31337);
        assertThat(chain.get("contracts").fieldNames()).toIterable()
                .containsExactly("PaymentChannels", "ServiceEscrow", "TestToken", "UptimeOracle");
        chain.get("contracts").forEach(address -> assertThat(address.asText()).matches("0x[0-9a-f]{40}"));
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        Api.Reply reply = api.get("/api/v1/openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode document = reply.json();
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/paths").has("/offerings")).isTrue();
        assertThat(document.at("/paths").has("/offerings/{id}")).isTrue();
        assertThat(document.at("/paths").has("/review-tasks/{id}/decision")).isTrue();
        assertThat(document.at("/paths").has("/test-support/clock")).as("test support is not part of the API").isFalse();
    }

    @Test
    void badRequestsGetProblemAnswersAndCreateNothing() {
        long before = api.get("/api/v1/offerings?limit=1").json().get("total").asLong();

        assertProblem(api.post("/api/v1/offerings", "{not json"), 400, "malformed-json");
        assertProblem(api.post("/api/v1/offerings", "{\"providerId\":\"p\",\"name\":\"n\",\"settlementModel\":\"BARTER\"}"), 400, "invalid-request");
        assertProblem(api.post("/api/v1/offerings", "{\"providerId\":\"p\",\"settlementModel\":\"ESCROW\"}"), 400, "invalid-request");
        assertProblem(api.post("/api/v1/offerings", ""), 400, "invalid-request");
        assertProblem(api.get("/api/v1/offerings?limit=0"), 400, "invalid-request");
        assertProblem(api.get("/api/v1/offerings/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(api.post("/api/v1/review-tasks/no-such-task/decision", "{\"approved\":true}"), 404, "not-found");

        assertThat(api.get("/api/v1/offerings?limit=1").json().get("total").asLong()).isEqualTo(before);
    }

    @Test
    void consolePageShowsTheHealthOfEachPartAndTheOfferings() {
        String name = "console " + UUID.randomUUID();
        api.submitOffering(name);

        Api.Reply page = api.get("/console/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Tollway console").contains("processEngine").contains(name);
        assertThat(page.body()).doesNotContain("DOWN");
    }

    private static void assertProblem(Api.Reply reply, int status, String kind) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("https://tollway.io/problems/" + kind);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    }
}
