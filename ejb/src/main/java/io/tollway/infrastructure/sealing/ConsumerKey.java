package io.tollway.infrastructure.sealing;

import org.bouncycastle.math.ec.ECPoint;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The public key a consumer gives with its request, proven to be the key of the address that
 * pays: credentials sealed to it can be opened only by whoever controls that address. Without
 * the check, anyone who knows an agreement's id could ask for its credentials sealed to a key of
 * their own.
 */
public final class ConsumerKey {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private final byte[] publicKey;
    private final String address;

    private ConsumerKey(byte[] publicKey, String address) {
        this.publicKey = publicKey;
        this.address = address;
    }

    /**
     * @param publicKeyHex    the uncompressed secp256k1 public key: 64 bytes (x || y) in hex, with or
     *                        without {@code 0x} and the {@code 04} prefix
     * @param expectedAddress the consumer's chain address, any case
     * @throws IllegalArgumentException when the key is malformed, not on the curve, or not the key of
     *                                  {@code expectedAddress}
     */
    public static ConsumerKey of(String publicKeyHex, String expectedAddress) {
        if (expectedAddress == null || !ADDRESS.matcher(expectedAddress).matches()) {
            throw new IllegalArgumentException("the consumer's address must be 0x and 40 hex digits");
        }
        byte[] publicKey = parse(publicKeyHex);
        try {
            Secp256k1.point(publicKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the consumer's public key is not a point on secp256k1", e);
        }
        String address = Secp256k1.address(publicKey);
        if (!address.equalsIgnoreCase(expectedAddress)) {
            throw new IllegalArgumentException("the public key belongs to address " + address
                    + ", not to the consumer's address " + expectedAddress.toLowerCase());
        }
        return new ConsumerKey(publicKey, address);
    }

    /** The consumer's address, lower case. */
    public String address() {
        return address;
    }

    /** The key as {@code 0x} and 128 hex digits (x || y), the form to store and to show. */
    public String publicKeyHex() {
        return "0x" + HexFormat.of().formatHex(publicKey);
    }

    ECPoint point() {
        return Secp256k1.point(publicKey);
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    private static byte[] parse(String hex) {
        String digits = hex == null ? "" : hex.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.length() == 130 && digits.startsWith("04")) {
            digits = digits.substring(2);
        }
        if (digits.length() != 128 || !HEX.matcher(digits).matches()) {
            throw new IllegalArgumentException(
                    "the consumer's public key must be the uncompressed secp256k1 key: 64 bytes (128 hex digits), optionally 0x04-prefixed");
        }
        return HexFormat.of().parseHex(digits);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConsumerKey key && Arrays.equals(publicKey, key.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "ConsumerKey[" + address + "]";
    }
}
