package io.tollway.devkit;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A GlassFish 7 domain of Tollway's own, made afresh at every start from the distribution the
 * build unpacks. It holds no data (that lives in PostgreSQL), so re-creating it keeps its
 * configuration exactly what the current environment says. Every port is chosen free, except
 * the HTTP port, which is the one asked for. Driven through asadmin; one multimode run applies
 * all configuration in a single JVM.
 */
public final class GlassFishDomain implements AutoCloseable {

    /** The server's maximum heap (GlassFish's default is 512 MB). */
    static final String MAX_HEAP = "1g";

    public static final String NAME = "tollway";

    private final Path home;
    private final Path domainDir;
    private final int adminPort;
    private boolean running;

    private GlassFishDomain(Path home, Path domainDir, int adminPort) {
        this.home = home;
        this.domainDir = domainDir;
        this.adminPort = adminPort;
    }

    /** Creates the domain {@value #NAME} in {@code domainDir}, replacing one left there by an earlier run. */
    public static GlassFishDomain create(Path home, Path domainDir, int httpPort) throws IOException, InterruptedException {
        if (!Files.isRegularFile(home.resolve("bin/asadmin"))) {
            throw new IllegalStateException("no GlassFish at " + home + " (tollway.glassfish.home); build with ./mvnw package first");
        }
        deleteRecursively(domainDir.resolve(NAME));
        Files.createDirectories(domainDir);
        List<Integer> free = FreePort.distinct(9, List.of(httpPort));
        int adminPort = free.get(0);
        GlassFishDomain domain = new GlassFishDomain(home, domainDir, adminPort);
        String ports = String.join(":",
                "domain.jmxPort=" + free.get(1),
                "http.ssl.port=" + free.get(2),
                "orb.listener.port=" + free.get(3),
                "orb.ssl.port=" + free.get(4),
                "orb.mutualauth.port=" + free.get(5),
                "jms.port=" + free.get(6),
                "osgi.shell.telnet.port=" + free.get(7),
                "java.debugger.port=" + free.get(8));
        domain.asadmin(List.of("create-domain", "--nopassword", "--checkports=false",
                "--domaindir", domainDir.toString(),
                "--adminport", Integer.toString(adminPort),
                "--instanceport", Integer.toString(httpPort),
                "--domainproperties", ports,
                NAME));
        domain.setMaxHeap(MAX_HEAP);
        return domain;
    }

    /**
     * Sets the server's maximum heap in the new domain's configuration, before its first start.
     * GlassFish's default of 512 MB filled up in the end-to-end tests, which deploy the EAR again
     * for every test class in one domain: the class loaders of earlier deployments are not all
     * freed, and the fifteenth deployment failed with an {@code OutOfMemoryError}.
     */
    private void setMaxHeap(String size) throws IOException {
        Path config = domainDir.resolve(NAME).resolve("config/domain.xml");
        String xml = Files.readString(config);
        String changed = xml.replace("<jvm-options>-Xmx512m</jvm-options>", "<jvm-options>-Xmx" + size + "</jvm-options>");
        if (changed.equals(xml)) {
            throw new IllegalStateException("no -Xmx512m in " + config + " to replace");
        }
        Files.writeString(config, changed);
    }

    public int adminPort() {
        return adminPort;
    }

    public void start() throws IOException, InterruptedException {
        running = true; // from here on, close() must stop a server that may be up even if start-domain fails
        asadmin(List.of("start-domain", "--domaindir", domainDir.toString(), NAME));
    }

    /**
     * Kills the server as a crash would (no shutdown of anything inside it) and starts it again;
     * the applications deployed in the domain start with it.
     */
    public void crashAndRestart() throws Exception {
        Optional<ProcessHandle> server = serverPid().flatMap(ProcessHandle::of);
        if (server.isEmpty()) {
            throw new IllegalStateException("the server is not running");
        }
        server.get().destroyForcibly();
        server.get().onExit().get(30, TimeUnit.SECONDS);
        Files.deleteIfExists(domainDir.resolve(NAME).resolve("config/pid"));
        start();
    }

    /**
     * Gives the running domain what Tollway's EAR needs: the JTA datasource {@code jdbc/tollway}
     * on the given PostgreSQL, Tollway's settings as system properties, and CDI bean discovery
     * limited to explicit bean archives (only Tollway's own modules are; scanning its sixty
     * library jars for implicit beans made a deployment take four minutes instead of twenty
     * seconds).
     */
    public void prepareForTollway(String jdbcUrl, String user, String password, Map<String, String> settings)
            throws IOException, InterruptedException {
        String pool = "url=" + escape(jdbcUrl) + ":user=" + escape(user)
                + (password == null || password.isEmpty() ? "" : ":password=" + escape(password));
        String properties = settings.entrySet().stream()
                .map(setting -> setting.getKey() + "=" + escape(setting.getValue()))
                .collect(Collectors.joining(":"));
        configure(List.of(
                "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                        + " --restype javax.sql.DataSource --steadypoolsize 2 --maxpoolsize 64"
                        + " --isconnectvalidatereq true --validationmethod auto-commit"
                        + " --property " + pool + " tollway-pool",
                "create-jdbc-resource --connectionpoolid tollway-pool jdbc/tollway",
                "ping-connection-pool tollway-pool",
                "create-system-properties " + properties,
                "set configs.config.server-config.cdi-service.enable-implicit-cdi=false",
                // GlassFish serves HTTP with at most 5 threads by default: 50 clients queued behind them
                "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=32",
                "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.min-thread-pool-size=4",
                // GlassFish logs every @Transactional call at INFO; the chain gateway makes many
                "set-log-levels jakarta.enterprise.resource.jta=WARNING"));
    }

    /** Sets (or replaces) one system property of the running server. */
    public void setSystemProperty(String name, String value) throws IOException, InterruptedException {
        configure(List.of("create-system-properties " + name + "=" + escape(value)));
    }

    public void deploy(Path ear) throws IOException, InterruptedException {
        configure(List.of("deploy --name tollway --force true " + ear.toAbsolutePath()));
    }

    /** Runs asadmin commands against the running domain, one command per line, in one JVM. */
    private void configure(List<String> commands) throws IOException, InterruptedException {
        Path file = domainDir.resolve("tollway-commands.txt");
        Files.write(file, commands);
        asadmin(List.of("--port", Integer.toString(adminPort), "multimode", "--file", file.toString()));
    }

    /** Process id of the running server, from the domain's pid file. */
    Optional<Long> serverPid() {
        Path pidFile = domainDir.resolve(NAME).resolve("config/pid");
        try {
            return Files.isRegularFile(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Path serverLog() {
        return domainDir.resolve(NAME).resolve("logs/server.log");
    }

    /**
     * Escapes a property value for a line of {@link #configure}: asadmin's property syntax
     * separates with ':' and '=', so they are escaped with a backslash, and multimode's own
     * tokenizer consumes one level of backslashes before the command sees them, hence two.
     */
    private static String escape(String value) {
        return value.replace("\\", "\\\\\\\\").replace(":", "\\\\:").replace("=", "\\\\=");
    }

    private void asadmin(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/asadmin").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        // start-domain gives up after 60 s by default; a restart with Tollway deployed takes 20–30 s on
        // an idle 2-core machine and over a minute on a busy one (the server is then stopped half-loaded)
        builder.environment().put("AS_START_TIMEOUT", Long.toString(TimeUnit.MINUTES.toMillis(4)));
        Path output = Files.createTempFile("asadmin-", ".log");
        Process process = builder.redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String printed = Files.readString(output);
        Files.deleteIfExists(output);
        if (!finished) {
            process.destroyForcibly();
            throw new IOException("asadmin " + arguments.get(0) + " did not finish in 5 minutes:\n" + printed);
        }
        if (process.exitValue() != 0 || printed.contains("Command multimode failed") || printed.contains("failed.")) {
            throw new IOException("asadmin " + String.join(" ", arguments) + " failed (" + process.exitValue() + "):\n" + printed);
        }
    }

    /** Stops the server; if it does not stop, kills it, so no process outlives the launcher. */
    @Override
    public void close() throws Exception {
        if (!running) {
            return;
        }
        Optional<ProcessHandle> server = serverPid().flatMap(ProcessHandle::of);
        try {
            asadmin(List.of("stop-domain", "--domaindir", domainDir.toString(), NAME));
        } finally {
            running = false;
            if (server.isPresent() && server.get().isAlive()) {
                server.get().destroyForcibly();
                server.get().onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
