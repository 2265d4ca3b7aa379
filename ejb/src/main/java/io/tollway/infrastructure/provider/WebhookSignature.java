package io.tollway.infrastructure.provider;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How a webhook call proves it comes from Tollway and is fresh. Two headers go with the body:
 * <pre>
 * Tollway-Timestamp: 1767225600
 * Tollway-Signature: v1=hex(HMAC-SHA256(secret, "1767225600" + "." + body))
 * </pre>
 * The timestamp is inside the signed bytes, so a recorded call cannot be replayed later with a
 * new timestamp; the receiver refuses timestamps too far from its own clock. {@code v1} names the
 * scheme, and the header may hold several comma-separated values (one per secret while a secret is
 * being rotated): one match is enough.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "Tollway-Timestamp";
    public static final String SIGNATURE_HEADER = "Tollway-Signature";
    /** How far a receiver's clock and Tollway's may disagree before a call counts as a replay. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String SCHEME = "v1=";

    private WebhookSignature() {
    }

    /** The {@code Tollway-Signature} value for this body sent at {@code timestamp} (unix seconds). */
    public static String sign(String secret, long timestamp, String body) {
        return SCHEME + HexFormat.of().formatHex(mac(secret, timestamp + "." + body));
    }

    /**
     * Whether {@code signature} (the header's value) signs this body and timestamp (the header's
     * value, unix seconds) with {@code secret}, and the timestamp is within {@code tolerance} of
     * {@code now} either way. Missing or malformed headers are simply not valid.
     */
    public static boolean verify(String secret, String timestamp, String body, String signature,
                                 Instant now, Duration tolerance) {
        if (secret == null || secret.isEmpty() || timestamp == null || body == null || signature == null) {
            return false;
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - sentAt) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, sentAt, body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : signature.split(",")) {
            byte[] given = candidate.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
            // every candidate is compared in full, in constant time: the answer's timing tells nothing
            matched |= MessageDigest.isEqual(expected, given);
        }
        return matched;
    }

    private static byte[] mac(String secret, String signed) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
