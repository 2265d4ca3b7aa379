package io.tollway.devkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchSettingsTest {

    @Test
    void withoutEnvironmentEverythingIsEmbedded() {
        LaunchSettings settings = LaunchSettings.from(Map.of());

        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.embeddedChain()).isTrue();
        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void externalDatabaseAndNodeReplaceTheEmbeddedOnes() {
        LaunchSettings settings = LaunchSettings.from(Map.of(
                "TOLLWAY_HTTP_PORT", "9090",
                "TOLLWAY_DB_URL", "jdbc:postgresql://db:5432/tollway",
                "TOLLWAY_DB_USER", "tollway",
                "TOLLWAY_DB_PASSWORD", "secret",
                "TOLLWAY_RPC_URL", "http://node:8545",
                "TOLLWAY_DATA_DIR", "/var/lib/tollway"));

        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.embeddedDatabase()).isFalse();
        assertThat(settings.dbUser()).isEqualTo("tollway");
        assertThat(settings.embeddedChain()).isFalse();
        assertThat(settings.rpcUrl()).isEqualTo("http://node:8545");
        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/tollway"));
    }

    @Test
    void nonsenseIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> LaunchSettings.from(Map.of("TOLLWAY_HTTP_PORT", "eighty")))
                .hasMessageContaining("TOLLWAY_HTTP_PORT");
        assertThatThrownBy(() -> LaunchSettings.from(Map.of("TOLLWAY_HTTP_PORT", "70000")))
                .hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> LaunchSettings.from(Map.of("TOLLWAY_DB_URL", "jdbc:mysql://db/x")))
                .hasMessageContaining("TOLLWAY_DB_URL");
    }
}
