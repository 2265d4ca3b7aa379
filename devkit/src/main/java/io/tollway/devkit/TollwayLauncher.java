package io.tollway.devkit;


import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded run ({@code ./mvnw -Prun package}): PostgreSQL, an anvil chain with Tollway's
 * contracts, and a GlassFish domain with the EAR, run from the foreground. Ctrl-C or SIGTERM stops all
 * three in reverse order, so no process is left behind.
 *
 * <p>Environment: {@code TOLLWAY_HTTP_PORT} (8080), {@code TOLLWAY_DB_URL}/{@code _USER}/
 * {@code _PASSWORD} (an external PostgreSQL instead of the embedded one), {@code TOLLWAY_RPC_URL}
 * (an external node instead of anvil), {@code TOLLWAY_DATA_DIR} (./data: where the embedded
 * database and chain keep their state between runs).
 */
public final class TollwayLauncher {

    private static final Logger LOG = Logger.getLogger(TollwayLauncher.class.getName());

    /**
     * One offering of each settlement model in review, so a first look at the console and API shows
     * something. Small numbers in the token's smallest unit: an hour of the VPN costs 3600 (one per
     * second), a megabyte of traffic 10.
     */
    private static final List<String> DEMO_OFFERINGS = List.of(
            "{\"providerId\":\"demo-provider\",\"name\":\"Demo VPN, billed by the hour\",\"settlementModel\":\"ESCROW\","
                    + "\"escrow\":{\"setupFee\":\"1000\",\"baseFeePerHour\":\"3600\",\"variableFeePerHour\":\"7200\","
                    + "\"lockupSeconds\":600,\"uptimeArbitration\":false}}",
            "{\"providerId\":\"demo-provider\",\"name\":\"Demo traffic, paid per MB through a channel\",\"settlementModel\":\"CHANNEL\","
                    + "\"channel\":{\"unitName\":\"MB\",\"unitPrice\":\"10\",\"setupPrice\":\"100\",\"minUnits\":100,"
                    + "\"maxUnits\":100000,\"maxBillingUnitLag\":50,\"maxInactiveSeconds\":3600,\"maxSuspendSeconds\":3600,"
                    + "\"supply\":10}}");

    private final LaunchSettings settings;
    private final Path ear;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private TollwayLauncher(LaunchSettings settings, Path ear) {
        this.settings = settings;
        this.ear = ear;
    }

    public static void main(String[] args) throws Exception {
        // the parts log their own start-up chatter at INFO; the launcher prints what matters
        Logger.getLogger("").setLevel(Level.WARNING);
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: TollwayLauncher <path to tollway.ear>  (build it with ./mvnw package)");
            System.exit(2);
        }
        LaunchSettings settings;
        try {
            settings = LaunchSettings.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Tollway cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        TollwayLauncher launcher = new TollwayLauncher(settings, Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "tollway-stop"));
        // started by Maven (./mvnw -Prun package): a SIGTERM to Maven ends Maven only, so follow it
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            say("The process that started Tollway (" + parent.pid() + ") has ended: stopping.");
            System.exit(0);
        }));
        try {
            launcher.start();
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Tollway could not start", e);
            launcher.stop();
            System.exit(1);
        }
        launcher.stopped.await();
    }

    private void start() throws Exception {
        long began = System.nanoTime();
        Files.createDirectories(settings.dataDir());
        String jdbcUrl = settings.dbUrl();
        String user = settings.dbUser();
        String password = settings.dbPassword();
        if (settings.embeddedDatabase()) {
            EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDir().resolve("postgres"));
            started.push(database);
            jdbcUrl = database.jdbcUrl();
            user = EmbeddedDatabase.USER;
            password = EmbeddedDatabase.PASSWORD;
            say("PostgreSQL  " + jdbcUrl + " (embedded, data in " + settings.dataDir().resolve("postgres") + ")");
        } else {
            say("PostgreSQL  " + jdbcUrl);
        }
        String rpcUrl = settings.rpcUrl();
        if (settings.embeddedChain()) {
            Anvil anvil = Anvil.start(settings.dataDir().resolve("chain").resolve("anvil-state.json"));
            started.push(anvil);
            rpcUrl = anvil.rpcUrl();
            say("Chain       " + rpcUrl + " (anvil, chain id " + Anvil.CHAIN_ID + ", state in " + settings.dataDir().resolve("chain") + ")");
        } else {
            say("Chain       " + rpcUrl);
        }

        long phase = System.nanoTime();
        GlassFishDomain server = GlassFishDomain.create(glassFishHome(), settings.dataDir().resolve("glassfish"), settings.httpPort());
        say("GlassFish   domain created in " + settings.dataDir().resolve("glassfish") + " (" + millisSince(phase) + " ms)");
        phase = System.nanoTime();
        started.push(server);
        server.start();
        say("GlassFish   started (" + millisSince(phase) + " ms; log: " + server.serverLog() + ")");
        phase = System.nanoTime();
        Map<String, String> tollwaySettings = new LinkedHashMap<>();
        tollwaySettings.put("tollway.rpc-url", rpcUrl);
        if (settings.embeddedChain()) {
            // only on our own development chain may Tollway deploy with anvil's public key
            tollwaySettings.put("tollway.dev-contracts", "true");
        }
        // the demo: one account per role with well-known API keys, and the built-in demo provider
        tollwaySettings.put("tollway.demo-accounts", "true");
        tollwaySettings.put("tollway.demo-provider.webhook-url", "http://127.0.0.1:" + settings.httpPort() + "/demo-provider/webhook");
        server.prepareForTollway(jdbcUrl, user, password, tollwaySettings);
        server.deploy(ear);
        say("Tollway     configured and deployed (" + millisSince(phase) + " ms)");
        String base = "http://localhost:" + settings.httpPort();
        seedDemoData(base);
        say("");
        say("Tollway is running (started in " + millisSince(began) + " ms)");
        say("  Console  " + base + "/console/");
        // DemoConsoleUsers in the EAR creates them with these passwords
        say("  Console users (sign in at /console/): admin / tollway-admin-password (admin),");
        say("           approver / tollway-approver-password (approver: task list and agreements)");
        say("  API      " + base + "/api/v1/  (OpenAPI: " + base + "/api/v1/openapi.json)");
        say("  Health   " + base + "/health");
        say("  API keys (Authorization: Bearer <key>): admin demo-admin-key, approver demo-approver-key,");
        say("           provider demo-provider-key, consumers demo-consumer-key and demo-consumer-2-key");
        say("Press Ctrl-C to stop.");
    }

    private static Path glassFishHome() {
        String home = System.getProperty("tollway.glassfish.home");
        if (home == null) {
            throw new IllegalStateException("tollway.glassfish.home is not set; start with ./mvnw -Prun package");
        }
        return Path.of(home);
    }

    /** The demo offerings, on a database without offerings only: a restart keeps what was there. */
    private static void seedDemoData(String base) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/offerings?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() != 200 || !list.body().contains("\"total\":0")) {
            return;
        }
        for (String offering : DEMO_OFFERINGS) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/offerings"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer demo-provider-key")
                            .POST(HttpRequest.BodyPublishers.ofString(offering))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                LOG.warning("Demo offering not created: " + created.statusCode() + " " + created.body());
            }
        }
    }

    /** Stops what was started, newest first; safe to call twice (shutdown hook after a failed start). */
    private synchronized void stop() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Could not stop " + part.getClass().getSimpleName(), e);
            }
        }
        stopped.countDown();
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
