package io.tollway.domain.model.console;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Console passwords as they are stored: PBKDF2 with HMAC-SHA256, a random 32-byte salt per
 * password and 600,000 iterations (OWASP's figure for this function), written
 * {@code PBKDF2WithHmacSHA256:<iterations>:<salt>:<hash>} in base64 — the format of Jakarta
 * Security's {@code Pbkdf2PasswordHash}, so either can check the other's hashes. The iteration
 * count is part of each hash: raising it later leaves older hashes verifiable.
 */
public final class PasswordHash {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 32;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when the user does not exist, so an unknown name costs as long as a wrong password. */
    private static final String DECOY = hash("decoy password that no one has");

    private PasswordHash() {
    }

    public static String hash(String password) {
        return hash(password, ITERATIONS);
    }

    static String hash(String password, int iterations) {
        requirePassword(password);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return ALGORITHM + ":" + iterations + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(derive(password.toCharArray(), salt, iterations, KEY_BITS));
    }

    /** Whether the password matches the stored hash; false for a malformed hash rather than an error. */
    public static boolean matches(String password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        String[] parts = stored.split(":");
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || expected.length == 0) {
                return false;
            }
            byte[] actual = derive(password.toCharArray(), salt, iterations, expected.length * 8);
            return MessageDigest.isEqual(expected, actual); // constant time
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Spends the time of one check, for a user that does not exist. */
    public static void decoyCheck(String password) {
        matches(password == null ? "" : password, DECOY);
    }

    static void requirePassword(String password) {
        if (password == null || password.length() < 12 || password.length() > 200) {
            throw new IllegalArgumentException("a console password must have 12 to 200 characters");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
            try {
                return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is part of every JDK", e);
        }
    }
}
