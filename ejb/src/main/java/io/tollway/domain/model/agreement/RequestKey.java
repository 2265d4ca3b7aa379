package io.tollway.domain.model.agreement;

import io.tollway.domain.model.Sha256;

import java.util.Locale;

/**
 * The consumer's Idempotency-Key of a request for an agreement, with the fingerprint of what that
 * request asked for. The key's first use decides what it means: the same key with the same request
 * is answered with the agreement it made, the same key with another request is refused.
 *
 * @param key         1 to 200 printable ASCII characters, chosen by the consumer
 * @param fingerprint SHA-256 (hex) of the request in a canonical form
 */
public record RequestKey(String key, String fingerprint) {

    public static final int MAX_LENGTH = 200;

    public RequestKey {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new IllegalArgumentException("Idempotency-Key must be 1 to " + MAX_LENGTH + " printable ASCII characters");
        }
        if (fingerprint == null || !fingerprint.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a request's fingerprint is a SHA-256 in hex");
        }
    }

    /**
     * The key of a request for an agreement on {@code offeringId}, paid from {@code consumerAddress},
     * credentials sealed to {@code consumerPublicKey}. Spellings of the same address or key (letter
     * case, the {@code 0x} and {@code 04} prefixes) are the same request.
     */
    public static RequestKey of(String key, String offeringId, String consumerAddress, String consumerPublicKey) {
        // each field with its length before it, so no two different requests read alike
        String canonical = field("agreement-request-v1") + field(offeringId) + field(hex(consumerAddress))
                + field(publicKey(consumerPublicKey));
        return new RequestKey(key, Sha256.hex(canonical));
    }

    private static String field(String value) {
        String text = value == null ? "" : value;
        return text.length() + ":" + text + ";";
    }

    private static String hex(String value) {
        String lower = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("0x") ? lower.substring(2) : lower;
    }

    /** Uncompressed secp256k1 keys: x || y, with or without the 04 that marks them uncompressed. */
    private static String publicKey(String value) {
        String hex = hex(value);
        return hex.length() == 130 && hex.startsWith("04") ? hex.substring(2) : hex;
    }
}
