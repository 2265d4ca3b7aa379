package io.tollway.devkit;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortTest {

    @Test
    void distinctPortsAreAllDifferentAndAvoidTheTakenOnes() {
        int taken = FreePort.find();

        List<Integer> ports = FreePort.distinct(20, List.of(taken));

        assertThat(ports).hasSize(20).doesNotContain(taken);
        assertThat(new HashSet<>(ports)).hasSize(20);
    }
}
