package io.tollway.domain.model.chain;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks of the values events carry, so a mis-decoded log fails where it is built, not in a process. */
final class ChainValues {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");

    private ChainValues() {
    }

    static void requireAddress(String value, String name) {
        require(ADDRESS, value, name, "a lower-case 0x address of 20 bytes");
    }

    static void requireHash(String value, String name) {
        require(HASH, value, name, "a lower-case 0x hex value of 32 bytes");
    }

    static void requireAmount(BigInteger value, String name) {
        if (Objects.requireNonNull(value, name).signum() < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, was " + value);
        }
    }

    private static void require(Pattern pattern, String value, String name, String expected) {
        if (!pattern.matcher(Objects.requireNonNull(value, name)).matches()) {
            throw new IllegalArgumentException(name + " must be " + expected + ", was " + value);
        }
    }
}
