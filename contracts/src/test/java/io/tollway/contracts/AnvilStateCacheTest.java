package io.tollway.contracts;

import io.tollway.devkit.Anvil;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every chain the tests start keeps its states on disk in a directory of its own, gone when the
 * chain is closed: anvil's default cache under {@code ~/.foundry/anvil/tmp} is never cleaned and
 * filled the disk with the benchmarks' chains.
 */
class AnvilStateCacheTest {

    @Test
    void theChainsStateCacheIsItsOwnAndIsRemovedWhenItCloses() {
        Anvil anvil = Anvil.start();
        try {
            assertThat(anvil.stateCache()).isDirectory();
            assertThat(ProcessHandle.of(anvil.pid()).flatMap(process -> process.info().arguments()).orElseThrow())
                    .containsSubsequence("--cache-path", anvil.stateCache().toString());
            anvil.mine();
            assertThat(anvil.blockNumber()).isEqualTo(1);
        } finally {
            anvil.close();
        }
        assertThat(Files.exists(anvil.stateCache())).isFalse();
    }
}
