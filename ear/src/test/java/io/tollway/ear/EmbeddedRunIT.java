package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.devkit.Anvil;
import io.tollway.devkit.EmbeddedDatabase;
import io.tollway.devkit.FreePort;
import io.tollway.ear.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded run as a person starts it (the launcher that {@code ./mvnw -Prun package} runs),
 * in its own process: it comes up with database, engine and chain UP; SIGTERM stops it and every
 * process it started, and so does the end of the process that started it (as when Maven, its
 * parent under {@code -Prun}, gets the SIGTERM); a second start on the same data directory finds
 * the data of the first.
 */
class EmbeddedRunIT {

    private static final Duration START_DEADLINE = Duration.ofMinutes(4);

    @TempDir
    Path dataDir;

    private final List<Process> launched = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        launched.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    @Test
    void startsStopsCleanlyAndKeepsItsDataAcrossARestart() throws Exception {
        int port = FreePort.find();
        Api api = new Api("http://localhost:" + port);

        Process first = launch(port, false, Map.of());
        awaitHealthy(api, first);
        JsonNode contracts = api.get("/api/v1/chain").json().get("contracts");
        assertThat(contracts.size()).as("contracts deployed: %s", contracts).isEqualTo(4);
        JsonNode demo = api.get("/api/v1/offerings?limit=10").json();
        assertThat(demo.get("total").asLong()).as("the demo offerings: %s", demo).isEqualTo(2);
        assertThat(demo.get("items").findValuesAsText("settlementModel")).containsExactlyInAnyOrder("ESCROW", "CHANNEL");
        assertThat(demo.findValue("baseFeePerHour").asText()).isEqualTo("3600");
        assertThat(demo.findValue("unitPrice").asText()).isEqualTo("10");
        String offeringId = api.submitOffering("kept " + UUID.randomUUID());
        assertThat(api.offering(offeringId).get("activeSteps").toString()).contains("reviewOffering");
        stopAndCheckNothingSurvives(first);

        Process second = launch(port, true, Map.of());
        awaitHealthy(api, second);
        JsonNode kept = api.offering(offeringId);
        assertThat(kept.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(kept.get("activeSteps").toString()).as("the process instance survived").contains("reviewOffering");
        assertThat(api.get("/api/v1/chain").json().get("contracts"))
                .as("the chain kept its state: the same contracts, not deployed anew").isEqualTo(contracts);
        stopAndCheckNothingSurvives(second);
    }

    @Test
    void usesAnExternalDatabaseAndNodeWhenToldAndLeavesThemRunning() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(); Anvil node = Anvil.start()) {
            int port = FreePort.find();
            Api api = new Api("http://localhost:" + port);

            Process launcher = launch(port, false, Map.of(
                    "TOLLWAY_DB_URL", database.jdbcUrl(),
                    "TOLLWAY_DB_USER", EmbeddedDatabase.USER,
                    "TOLLWAY_DB_PASSWORD", EmbeddedDatabase.PASSWORD,
                    "TOLLWAY_RPC_URL", node.rpcUrl()));
            awaitHealthy(api, launcher);

            String offeringId = api.submitOffering("external " + UUID.randomUUID());
            try (var connection = database.connect(); var statement = connection.createStatement();
                 var rows = statement.executeQuery("select count(*) from offering where id = '" + offeringId + "'")) {
                rows.next();
                assertThat(rows.getLong(1)).as("the offering is in the external database").isEqualTo(1);
            }
            assertThat(api.get("/health").json().at("/components/chain/details/chainId").asLong()).isEqualTo(Anvil.CHAIN_ID);
            assertThat(api.get("/health").json().at("/components/chainGateway/status").asText())
                    .as("no signer configured: nothing is sent, and health says so without failing").isEqualTo("DISABLED");
            assertThat(api.get("/api/v1/chain").json().get("contracts").size())
                    .as("no contracts deployed with a development key on a node Tollway does not own").isZero();
            assertThat(dataDir.resolve("postgres")).doesNotExist();
            assertThat(dataDir.resolve("chain")).doesNotExist();
            stopAndCheckNothingSurvives(launcher);

            assertThat(node.isAlive()).as("the external node is not the launcher's to stop").isTrue();
            try (var connection = database.connect()) {
                assertThat(connection.isValid(5)).as("the external database is not the launcher's to stop").isTrue();
            }
        }
    }

    /**
     * Starts the launcher, directly or under a shell that stays its parent (like Maven does) so
     * that stopping the returned process stops only that parent.
     */
    private Process launch(int port, boolean underParent, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        if (underParent) {
            command.addAll(List.of("sh", "-c", "\"$0\" \"$@\"; exit $?"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtollway.anvil=" + System.getProperty("tollway.anvil"),
                "-Dtollway.glassfish.home=" + System.getProperty("tollway.glassfish.home"),
                "-jar", System.getProperty("tollway.launcher"),
                System.getProperty("tollway.ear")));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TOLLWAY_HTTP_PORT", Integer.toString(port));
        builder.environment().put("TOLLWAY_DATA_DIR", dataDir.toString());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(logOf(launched.size()).toFile());
        Process process = builder.start();
        launched.add(process);
        return process;
    }

    private Path logOf(int launch) {
        return dataDir.resolve("launcher-" + launch + ".log");
    }

    private void awaitHealthy(Api api, Process launcher) {
        Path log = logOf(launched.indexOf(launcher));
        await().atMost(START_DEADLINE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(launcher.isAlive()).as("launcher died:\n%s", Files.readString(log)).isTrue();
            assertThat(Files.readString(log)).contains("Tollway is running");
            Api.Reply health = api.get("/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("UP");
        });
    }

    /** SIGTERM to the launcher (or its parent); then the launcher, its children, PostgreSQL and GlassFish are all gone. */
    private void stopAndCheckNothingSurvives(Process launcher) throws Exception {
        List<ProcessHandle> started = new ArrayList<>(launcher.descendants().toList());
        postgresPid().flatMap(ProcessHandle::of).ifPresent(started::add);
        glassFishPid().flatMap(ProcessHandle::of).ifPresent(started::add);
        assertThat(started).as("the launcher's processes").isNotEmpty();
        assertThat(glassFishPid()).as("GlassFish's pid file").isPresent();

        launcher.destroy(); // SIGTERM

        assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).as("launcher stopped").isTrue();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                assertThat(started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::info).toList())
                        .as("processes left behind").isEmpty());
    }

    private Optional<Long> postgresPid() throws IOException {
        return firstLineAsPid(dataDir.resolve("postgres/postmaster.pid"));
    }

    private Optional<Long> glassFishPid() throws IOException {
        return firstLineAsPid(dataDir.resolve("glassfish/tollway/config/pid"));
    }

    private static Optional<Long> firstLineAsPid(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Files.readAllLines(file).stream().findFirst().map(String::strip).map(Long::parseLong);
    }
}
