package io.tollway.infrastructure.sealing;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals bytes (a provider's credentials) to a consumer's secp256k1 key, ECIES-style, and opens
 * them again with the consumer's private key. The sealed form is one base64url string (no
 * padding) of
 * <pre>
 * version     1 byte   0x01
 * ephemeral  65 bytes  0x04 || x || y, a fresh secp256k1 key per seal
 * nonce      12 bytes  random
 * sealed      n + 16   AES-256-GCM ciphertext of the n plaintext bytes, then the 16-byte tag
 *
 * shared = x coordinate of ECDH(ephemeral private key, consumer public key), 32 bytes big-endian
 * key    = HKDF-SHA256(ikm = shared, salt = none,
 *                      info = "tollway-credential-seal-v1" || ephemeral (65) || consumer x || y (64)), 32 bytes
 * aad    = version || ephemeral (the 66 bytes before the nonce)
 * </pre>
 * A wallet in another language needs only ECDH on secp256k1, HKDF-SHA256 and AES-GCM to open it.
 * The consumer's key is bound into the derived key, and the header into the tag, so a seal moved to
 * another key or with any byte changed does not open. Tollway itself can seal but never open.
 */
public final class CredentialSeal {

    private static final byte VERSION = 1;
    private static final int EPHEMERAL = 65;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + EPHEMERAL;
    private static final byte[] INFO = "tollway-credential-seal-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private CredentialSeal() {
    }

    /** The plaintext sealed to {@code consumer}; every call gives a different string. */
    public static String seal(ConsumerKey consumer, byte[] plaintext) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(Secp256k1.DOMAIN, RANDOM));
        AsymmetricCipherKeyPair ephemeral = generator.generateKeyPair();
        byte[] ephemeralPublic = ((ECPublicKeyParameters) ephemeral.getPublic()).getQ().getEncoded(false);
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);

        byte[] key = key(shared((ECPrivateKeyParameters) ephemeral.getPrivate(), consumer.point()),
                ephemeralPublic, consumer.publicKey());
        ByteBuffer sealed = ByteBuffer.allocate(HEADER + NONCE + plaintext.length + TAG_BITS / 8)
                .put(VERSION).put(ephemeralPublic).put(nonce);
        byte[] header = Arrays.copyOf(sealed.array(), HEADER);
        try {
            sealed.put(aesGcm(Cipher.ENCRYPT_MODE, key, nonce, header, plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.array());
    }

    /**
     * The plaintext of {@code sealed}, opened with the consumer's private key (the wallet's side).
     *
     * @throws UnsealingFailed when the seal is malformed, was made for another key, or was altered
     */
    public static byte[] open(BigInteger privateKey, String sealed) {
        if (privateKey == null || privateKey.signum() <= 0 || privateKey.compareTo(Secp256k1.DOMAIN.getN()) >= 0) {
            throw new IllegalArgumentException("not a secp256k1 private key");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed == null ? "" : sealed.strip());
        } catch (IllegalArgumentException e) {
            throw new UnsealingFailed("not sealed credentials: not base64url", e);
        }
        if (bytes.length < HEADER + NONCE + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new UnsealingFailed("not sealed credentials of version " + VERSION, null);
        }
        byte[] ephemeralPublic = Arrays.copyOfRange(bytes, 1, HEADER);
        byte[] nonce = Arrays.copyOfRange(bytes, HEADER, HEADER + NONCE);
        ECPrivateKeyParameters consumer = new ECPrivateKeyParameters(privateKey, Secp256k1.DOMAIN);
        byte[] consumerPublic = Secp256k1.bytes(Secp256k1.DOMAIN.getG().multiply(privateKey));
        try {
            ECPoint ephemeral = Secp256k1.DOMAIN.getCurve().decodePoint(ephemeralPublic); // refuses points off the curve
            byte[] key = key(shared(consumer, ephemeral), ephemeralPublic, consumerPublic);
            return aesGcm(Cipher.DECRYPT_MODE, key, nonce, Arrays.copyOf(bytes, HEADER),
                    Arrays.copyOfRange(bytes, HEADER + NONCE, bytes.length));
        } catch (IllegalArgumentException | IllegalStateException | AEADBadTagException e) {
            throw new UnsealingFailed("the credentials do not open with this key, or were altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static byte[] shared(ECPrivateKeyParameters own, ECPoint theirs) {
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(own);
        BigInteger x = agreement.calculateAgreement(new ECPublicKeyParameters(theirs, Secp256k1.DOMAIN));
        return BigIntegers.asUnsignedByteArray(32, x);
    }

    private static byte[] key(byte[] shared, byte[] ephemeralPublic, byte[] consumerPublic) {
        byte[] info = ByteBuffer.allocate(INFO.length + ephemeralPublic.length + consumerPublic.length)
                .put(INFO).put(ephemeralPublic).put(consumerPublic).array();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, null, info));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    private static byte[] aesGcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }
}
