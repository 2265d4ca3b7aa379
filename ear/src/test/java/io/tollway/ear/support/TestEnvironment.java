package io.tollway.ear.support;

import io.tollway.devkit.Anvil;
import io.tollway.devkit.EmbeddedDatabase;
import io.tollway.devkit.FreePort;
import io.tollway.devkit.GlassFishDomain;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.nio.file.Path;
import java.util.Map;

/**
 * The real parts the end-to-end tests run against, started once per test run: an embedded
 * PostgreSQL, an anvil chain and a fresh GlassFish domain on free ports, prepared for Tollway the
 * same way the embedded run prepares its own. Arquillian is pointed at that running domain
 * through its system-property overrides and only deploys into it.
 */
public final class TestEnvironment implements LauncherSessionListener {

    private static EmbeddedDatabase database;
    private static Anvil anvil;
    private static GlassFishDomain glassFish;
    private static int httpPort;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("tollway.ear") == null) {
            return; // not the integration-test run
        }
        // also on a failed start and if the JVM ends without closing the session
        Runtime.getRuntime().addShutdownHook(new Thread(TestEnvironment::stopAll, "test-environment-stop"));
        try {
            database = EmbeddedDatabase.start();
            anvil = Anvil.start();
            httpPort = FreePort.find();
            Path home = Path.of(System.getProperty("glassfish.home"));
            glassFish = GlassFishDomain.create(home, Path.of(System.getProperty("tollway.it.domains")), httpPort);
            glassFish.start();
            glassFish.prepareForTollway(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD, Map.of(
                    "tollway.rpc-url", anvil.rpcUrl(),
                    "tollway.dev-contracts", "true",
                    "tollway.test-support", "true",
                    "tollway.demo-accounts", "true",
                    // the benchmark (profile "benchmark") sets up agreements for longer than 20 minutes before billing them all at once
                    "tollway.agreement.billing-interval", System.getProperty("tollway.it.billing-interval", "PT20M"),
                    "tollway.agreement.recheck", "PT10S",
                    "tollway.agreement.suspension-grace", "PT10M",
                    "tollway.demo-provider.webhook-url", "http://127.0.0.1:" + httpPort + "/demo-provider/webhook"));
            // Arquillian deploys into this running domain; it neither starts nor stops it
            String container = "arq.container.glassfish.configuration.";
            System.setProperty(container + "glassFishHome", home.toString());
            System.setProperty(container + "adminPort", Integer.toString(glassFish.adminPort()));
            System.setProperty(container + "httpPort", Integer.toString(httpPort));
            System.setProperty(container + "allowConnectingToRunningServer", "true");
        } catch (Exception e) {
            stopAll();
            throw new IllegalStateException("cannot prepare the test environment", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stopAll();
    }

    private static synchronized void stopAll() {
        AutoCloseable[] parts = {glassFish, anvil, database};
        glassFish = null;
        anvil = null;
        database = null;
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("could not stop " + part + ": " + e);
                }
            }
        }
    }

    public static EmbeddedDatabase database() {
        return database;
    }

    public static GlassFishDomain glassFish() {
        return glassFish;
    }

    public static Anvil anvil() {
        return anvil;
    }

    public static String baseUrl() {
        return "http://localhost:" + httpPort;
    }
}
