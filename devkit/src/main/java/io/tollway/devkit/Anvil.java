package io.tollway.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local anvil chain run as a child process on a free 127.0.0.1 port.
 *
 * <p>The binary comes from the npm package {@code @foundry-rs/anvil} that the contracts module
 * installs; it is found through the system property {@code tollway.anvil}, the environment
 * variable {@code TOLLWAY_ANVIL}, or {@code contracts/node_modules/.bin/anvil} above the working
 * directory. With a state file the chain survives a restart: anvil loads it on start and dumps
 * it on exit and every few seconds, so even a killed run loses at most those seconds.
 *
 * <p>The chain's clock is moved with {@link #increaseTime(long)}: tests never wait for real time.
 *
 * <p>Anvil writes the historical states it no longer keeps in memory to a cache on disk, by default
 * under {@code ~/.foundry/anvil/tmp}, and leaves them there when it stops: a 1,000-agreement
 * benchmark left 5 to 7 GB, and the runs of one day 76 GB, until the disk was full. Each chain
 * here gets its own cache directory, removed when it is closed.
 */
public final class Anvil implements AutoCloseable {

    /** The chain id anvil uses unless told otherwise. */
    public static final long CHAIN_ID = 31337;

    /**
     * Private keys of anvil's ten funded development accounts (the public "test test … junk"
     * mnemonic). Useless on any real chain; on anvil each holds 10,000 ETH.
     */
    public static final List<String> DEV_PRIVATE_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
            "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
            "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*(\"([^\"]*)\"|true|false|null|\\d+)");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*(\\{.*})");

    private final Process process;
    private final int port;
    private final Path log;
    private final Path stateCache;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong requestIds = new AtomicLong();

    private Anvil(Process process, int port, Path log, Path stateCache) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.stateCache = stateCache;
    }

    /** Starts a fresh chain that is gone when closed. */
    public static Anvil start() {
        return start(null);
    }

    /**
     * Starts a chain; with a non-null {@code stateFile} it resumes from, and keeps writing to,
     * that file.
     */
    public static Anvil start(Path stateFile) {
        return start(FreePort.find(), stateFile);
    }

    /**
     * Starts a chain on the given port; used to bring a stopped node back where its clients
     * expect it (with the same {@code stateFile}, the chain it had when it stopped).
     */
    public static Anvil start(int port, Path stateFile) {
        try {
            Path binary = binary(); // first: a missing binary leaves no temporary files behind
            Path log = Files.createTempFile("anvil-" + port + "-", ".log");
            Path stateCache = Files.createTempDirectory("anvil-" + port + "-states-");
            List<String> command = new ArrayList<>(List.of(binary.toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--chain-id", Long.toString(CHAIN_ID), "--cache-path", stateCache.toString()));
            if (stateFile != null) {
                Files.createDirectories(stateFile.toAbsolutePath().getParent());
                command.addAll(List.of("--state", stateFile.toAbsolutePath().toString(), "--state-interval", "5"));
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Anvil anvil = new Anvil(process, port, log, stateCache);
            try {
                anvil.awaitListening();
            } catch (RuntimeException | IOException e) {
                anvil.close();
                throw e;
            }
            return anvil;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start anvil", e);
        }
    }

    /**
     * Where the anvil binary is, by the lookup order described on this class. npm's
     * {@code .bin/anvil} is a Node wrapper around the native binary of the platform package; the
     * native binary is started directly, so stopping it stops anvil itself, not just the wrapper.
     */
    public static Path binary() {
        Path found = configuredOrInstalled();
        Path platformPackages = found.toAbsolutePath().getParent().resolveSibling("@foundry-rs");
        if (found.getParent() != null && found.getParent().endsWith(".bin") && Files.isDirectory(platformPackages)) {
            try (var packages = Files.list(platformPackages)) {
                Optional<Path> nativeBinary = packages
                        .filter(dir -> dir.getFileName().toString().startsWith("anvil-"))
                        .map(dir -> dir.resolve("bin/anvil"))
                        .filter(Files::isExecutable)
                        .findFirst();
                if (nativeBinary.isPresent()) {
                    return nativeBinary.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot look into " + platformPackages, e);
            }
        }
        return found;
    }

    private static Path configuredOrInstalled() {
        String configured = System.getProperty("tollway.anvil", System.getenv("TOLLWAY_ANVIL"));
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new IllegalStateException("anvil not found at " + path + " (tollway.anvil / TOLLWAY_ANVIL);"
                    + " build the contracts module first: ./mvnw -pl contracts install");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("contracts/node_modules/.bin/anvil");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("anvil not found: set tollway.anvil or TOLLWAY_ANVIL, or build the contracts module");
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (Files.readString(log).contains("Listening on")) {
                return;
            }
            pause();
        }
        process.destroyForcibly();
        throw new IllegalStateException("anvil did not listen within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for anvil", e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Where this chain keeps the historical states it moved out of memory; removed when it is closed. */
    public Path stateCache() {
        return stateCache;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Moves the chain's clock forward; the next block carries the new time. */
    public void increaseTime(long seconds) {
        call("evm_increaseTime", "[" + seconds + "]");
    }

    /** Mines one block. */
    public void mine() {
        call("evm_mine", "[]");
    }

    /**
     * Switches mining on each transaction on or off; while off, transactions wait in the pool
     * until {@link #mine()}.
     */
    public void setAutomine(boolean on) {
        call("evm_setAutomine", "[" + on + "]");
    }

    /** Removes a pending transaction from the pool, as a node that forgets it would. */
    public void dropTransaction(String hash) {
        call("anvil_dropTransaction", "[\"" + hash + "\"]");
    }

    /** Takes a snapshot of the whole chain state, returning its id for {@link #revert(String)}. */
    public String snapshot() {
        return call("evm_snapshot", "[]");
    }

    /** Returns the chain to a snapshot: the blocks after it are gone (a reorganisation). */
    public boolean revert(String snapshotId) {
        return Boolean.parseBoolean(call("evm_revert", "[\"" + snapshotId + "\"]"));
    }

    /** The number of the newest block. */
    public long blockNumber() {
        return new BigInteger(call("eth_blockNumber", "[]").substring(2), 16).longValue();
    }

    /**
     * Calls any JSON-RPC method with its params as a JSON array text and returns the result as
     * text (a quoted result without its quotes).
     */
    public String call(String method, String paramsJson) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + requestIds.incrementAndGet()
                + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        String response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
        Matcher error = ERROR.matcher(response);
        if (error.find()) {
            throw new IllegalStateException(method + " failed: " + error.group(1));
        }
        Matcher result = RESULT.matcher(response);
        if (!result.find()) {
            throw new IllegalStateException(method + " answered without a result: " + response);
        }
        return result.group(2) != null ? result.group(2) : result.group(1);
    }

    /** Stops anvil gracefully (so it dumps its state), forcibly after ten seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp log is harmless
        }
        deleteStateCache();
    }

    private void deleteStateCache() {
        try (Stream<Path> paths = Files.walk(stateCache)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("anvil's state cache " + stateCache + " is left behind: " + e);
        }
    }
}
