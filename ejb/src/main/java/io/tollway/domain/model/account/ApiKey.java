package io.tollway.domain.model.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

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
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
