package io.tollway.devkit;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the embedded run is told by its environment. Every setting has an embedded default:
 * without a database URL it starts its own PostgreSQL, without an RPC URL its own anvil chain,
 * both keeping their state under the data directory.
 */
record LaunchSettings(int httpPort, String dbUrl, String dbUser, String dbPassword, String rpcUrl, Path dataDir) {

    static LaunchSettings from(Map<String, String> env) {
        String port = env.getOrDefault("TOLLWAY_HTTP_PORT", "8080");
        int httpPort;
        try {
            httpPort = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TOLLWAY_HTTP_PORT must be a port number, not '" + port + "'");
        }
        if (httpPort < 1 || httpPort > 65535) {
            throw new IllegalArgumentException("TOLLWAY_HTTP_PORT must be between 1 and 65535, not " + httpPort);
        }
        String dbUrl = blankToNull(env.get("TOLLWAY_DB_URL"));
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("TOLLWAY_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)");
        }
        return new LaunchSettings(httpPort, dbUrl,
                env.getOrDefault("TOLLWAY_DB_USER", "postgres"),
                env.getOrDefault("TOLLWAY_DB_PASSWORD", ""),
                blankToNull(env.get("TOLLWAY_RPC_URL")),
                Path.of(env.getOrDefault("TOLLWAY_DATA_DIR", "data")).toAbsolutePath().normalize());
    }

    boolean embeddedDatabase() {
        return dbUrl == null;
    }

    boolean embeddedChain() {
        return rpcUrl == null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
