package io.tollway.domain.model.account;

import io.tollway.domain.model.Sha256;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An API key and what is stored of it. Keys are 32 random bytes, so a plain SHA-256 is enough to
 * store them (no salt or stretching needed: they cannot be guessed from a dictionary), and the
 * hash can be looked up directly by the index.
 */
public final class ApiKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKey() {
    }

    public static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "tw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    public static String hash(String key) {
        return Sha256.hex(key);
    }
}
