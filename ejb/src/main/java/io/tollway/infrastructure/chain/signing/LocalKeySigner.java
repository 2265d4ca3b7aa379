package io.tollway.infrastructure.chain.signing;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** A signer whose key is in this process's memory; how it got there is the subclass's business. */
public class LocalKeySigner implements TransactionSigner {

    private final Credentials credentials;

    LocalKeySigner(Credentials credentials) {
        this.credentials = credentials;
    }

    /** A signer of a key the caller already holds (tests, tools); production keys come from keystores. */
    public static LocalKeySigner of(Credentials credentials) {
        return new LocalKeySigner(java.util.Objects.requireNonNull(credentials, "credentials"));
    }

    @Override
    public final String address() {
        return credentials.getAddress().toLowerCase();
    }

    @Override
    public final String sign(RawTransaction transaction) {
        return Numeric.toHexString(TransactionEncoder.signMessage(transaction, credentials));
    }

    @Override
    public final String signDigest(byte[] digest) {
        if (digest == null || digest.length != 32) {
            throw new SigningFailed("a digest to sign is 32 bytes");
        }
        Sign.SignatureData signature = Sign.signMessage(digest, credentials.getEcKeyPair(), false);
        byte[] rsv = new byte[65];
        System.arraycopy(signature.getR(), 0, rsv, 0, 32);
        System.arraycopy(signature.getS(), 0, rsv, 32, 32);
        rsv[64] = signature.getV()[0];
        return Numeric.toHexString(rsv);
    }

    @Override
    public String toString() {
        // the class and the address: never the key
        return getClass().getSimpleName() + "[" + address() + "]";
    }
}
