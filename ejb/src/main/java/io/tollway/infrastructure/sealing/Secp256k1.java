package io.tollway.infrastructure.sealing;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

import java.util.Arrays;
import java.util.HexFormat;

/** Ethereum's curve, and how an Ethereum address follows from a public key. */
final class Secp256k1 {

    static final ECDomainParameters DOMAIN;

    static {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
        DOMAIN = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
    }

    private Secp256k1() {
    }

    /**
     * The point of a 64-byte public key (x and y, as Ethereum writes them); IllegalArgumentException
     * when the bytes are not a point on the curve, which would make any shared secret guessable.
     */
    static ECPoint point(byte[] publicKey) {
        if (publicKey.length != 64) {
            throw new IllegalArgumentException("a public key has 64 bytes, not " + publicKey.length);
        }
        byte[] encoded = new byte[65];
        encoded[0] = 0x04;
        System.arraycopy(publicKey, 0, encoded, 1, 64);
        ECPoint point = DOMAIN.getCurve().decodePoint(encoded); // refuses points off the curve
        if (point.isInfinity()) {
            throw new IllegalArgumentException("the public key is not a point on secp256k1");
        }
        return point;
    }

    /** The 64 bytes x || y of a point. */
    static byte[] bytes(ECPoint point) {
        byte[] encoded = point.normalize().getEncoded(false);
        return Arrays.copyOfRange(encoded, 1, 65);
    }

    /** The address ({@code 0x} and 40 lower-case hex digits): the last 20 bytes of keccak256(x || y). */
    static String address(byte[] publicKey) {
        KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(publicKey, 0, publicKey.length);
        byte[] hash = new byte[32];
        keccak.doFinal(hash, 0);
        return "0x" + HexFormat.of().formatHex(hash, 12, 32);
    }
}
