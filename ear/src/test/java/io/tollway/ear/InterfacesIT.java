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

/** The deployed EAR's interfaces: health, the API's documents and errors, the console's sign-in. (The console's pages: Console*IT.) */
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
        assertThat(document.at("/paths").has("/usage")).as("usage of many agreements").isTrue();
        assertThat(document.at("/paths").has("/test-support/clock")).as("test support is not part of the API").isFalse();
    }

    @Test
    void badRequestsGetProblemAnswersAndCreateNothing() {
        long before = api.get("/api/v1/offerings?limit=1").json().get("total").asLong();

        assertProblem(api.post("/api/v1/offerings", "{not json"), 400, "malformed-json");
        assertProblem(api.post("/api/v1/offerings", "{\"providerId\":\"p\",\"name\":\"n\",\"settlementModel\":\"BARTER\"}"), 400, "invalid-request");
        assertProblem(api.post("/api/v1/offerings", "{\"providerId\":\"p\",\"settlementModel\":\"ESCROW\",\"escrow\":" + Api.ESCROW_TERMS + "}"),
                400, "invalid-request");
        assertProblem(api.post("/api/v1/offerings", ""), 400, "invalid-request");
        assertProblem(api.get("/api/v1/offerings?limit=0"), 400, "invalid-request");
        assertProblem(api.get("/api/v1/offerings/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(api.post("/api/v1/review-tasks/no-such-task/decision", "{\"approved\":true}"), 404, "not-found");

        assertThat(api.get("/api/v1/offerings?limit=1").json().get("total").asLong()).isEqualTo(before);
    }

    @Test
    void offeringsShowTheirTermsAsSubmittedToTheLastUnit() {
        String uint96Max = "79228162514264337593543950335"; // more digits than a double keeps
        String escrowTerms = "{\"setupFee\":\"" + uint96Max + "\",\"baseFeePerHour\":\"3600\",\"variableFeePerHour\":\"7200\","
                + "\"lockupSeconds\":600,\"uptimeArbitration\":true}";

        JsonNode escrow = submitted(offering("ESCROW", "\"escrow\":" + escrowTerms));
        JsonNode channel = submitted(offering("CHANNEL", "\"channel\":" + Api.CHANNEL_TERMS));

        assertThat(escrow.get("settlementModel").asText()).isEqualTo("ESCROW");
        assertThat(escrow.at("/escrow/setupFee").isTextual()).isTrue();
        assertThat(escrow.at("/escrow/setupFee").asText()).isEqualTo(uint96Max);
        assertThat(escrow.at("/escrow/baseFeePerHour").asText()).isEqualTo("3600");
        assertThat(escrow.at("/escrow/lockupSeconds").asLong()).isEqualTo(600);
        assertThat(escrow.at("/escrow/uptimeArbitration").asBoolean()).isTrue();
        assertThat(escrow.has("channel")).isFalse();
        assertThat(channel.get("settlementModel").asText()).isEqualTo("CHANNEL");
        assertThat(channel.at("/channel/unitPrice").asText()).isEqualTo("10");
        assertThat(channel.at("/channel/unitName").asText()).isEqualTo("MB");
        assertThat(channel.at("/channel/supply").asInt()).isEqualTo(10);
        assertThat(channel.at("/channel/maxBillingUnitLag").asLong()).isEqualTo(50);
        assertThat(channel.has("escrow")).isFalse();
    }

    @Test
    void wrongTermsGetInvalidTermsNamingTheFieldAndCreateNothing() {
        long before = api.get("/api/v1/offerings?limit=1").json().get("total").asLong();

        assertInvalidTerms(offering("ESCROW", null), "escrow");
        assertInvalidTerms(offering("CHANNEL", "\"escrow\":" + Api.ESCROW_TERMS), "escrow");
        assertInvalidTerms(offering("ESCROW", "\"escrow\":" + Api.ESCROW_TERMS + ",\"channel\":" + Api.CHANNEL_TERMS), "channel");
        assertInvalidTerms(offering("ESCROW", "\"escrow\":" + with(Api.ESCROW_TERMS, "setupFee", "\"-1\"")), "setupFee");
        assertInvalidTerms(offering("ESCROW", "\"escrow\":" + with(Api.ESCROW_TERMS, "baseFeePerHour", "\"0\"")), "baseFeePerHour");
        assertInvalidTerms(offering("ESCROW", "\"escrow\":" + with(Api.ESCROW_TERMS, "variableFeePerHour", "\"ten\"")), "variableFeePerHour");
        assertInvalidTerms(offering("CHANNEL", "\"channel\":" + with(Api.CHANNEL_TERMS, "unitPrice", "\"0\"")), "unitPrice");
        assertInvalidTerms(offering("CHANNEL", "\"channel\":" + with(Api.CHANNEL_TERMS, "supply", "0")), "supply");
        assertInvalidTerms(offering("CHANNEL", "\"channel\":" + with(Api.CHANNEL_TERMS, "supply", "65536")), "supply");
        // 2^32 + 10: JSON-B's Integer would read it as 10
        assertInvalidTerms(offering("CHANNEL", "\"channel\":" + with(Api.CHANNEL_TERMS, "supply", "4294967306")), "supply");
        assertInvalidTerms(offering("CHANNEL", "\"channel\":" + with(Api.CHANNEL_TERMS, "maxBillingUnitLag", "-1")), "maxBillingUnitLag");
        assertInvalidTerms(offering("CHANNEL", "\"channel\":" + with(Api.CHANNEL_TERMS, "minUnits", "100001")), "maxUnits");

        assertThat(api.get("/api/v1/offerings?limit=1").json().get("total").asLong()).isEqualTo(before);
    }

    /** A new offering's body with the given terms members ({@code null}: none). */
    private static String offering(String model, String terms) {
        return "{\"providerId\":\"provider-it\",\"name\":\"terms " + UUID.randomUUID() + "\",\"settlementModel\":\"" + model + "\""
                + (terms == null ? "" : "," + terms) + "}";
    }

    /** The terms with one field's JSON value replaced. */
    private static String with(String terms, String field, String value) {
        String changed = terms.replaceFirst("\"" + field + "\":(\"[^\"]*\"|-?[0-9]+)", "\"" + field + "\":" + value);
        assertThat(changed).as("field " + field + " replaced").isNotEqualTo(terms);
        return changed;
    }

    private JsonNode submitted(String body) {
        Api.Reply reply = api.post("/api/v1/offerings", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return api.offering(reply.json().get("id").asText());
    }

    private void assertInvalidTerms(String body, String field) {
        Api.Reply reply = api.post("/api/v1/offerings", body);
        assertProblem(reply, 400, "invalid-terms");
        assertThat(reply.json().get("detail").asText()).as(body).startsWith(field + " ");
    }

    @Test
    void theConsoleAsksForASignInEvenWithAnApiKey() {
        Api.Reply page = api.get("/console/");

        assertThat(page.status()).as("API keys do not open the console").isEqualTo(302);
        assertThat(page.header("Location").orElseThrow()).endsWith("/console/login.xhtml");
        Api.Reply signIn = api.get("/console/login.xhtml");
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.body()).contains("Tollway console").contains("Sign in");
    }

    private static void assertProblem(Api.Reply reply, int status, String kind) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("https://tollway.io/problems/" + kind);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    }
}
