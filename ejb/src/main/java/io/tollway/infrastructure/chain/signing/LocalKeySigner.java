package io.tollway.infrastructure.chain.signing;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** A signer whose key is in this process's memory; how it got there is the subclass's business. */
abstract class LocalKeySigner implements TransactionSigner {

    private final Credentials credentials;

    LocalKeySigner(Credentials credentials) {
        this.credentials = credentials;
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
    public String toString() {
        // the class and the address: never the key
        return getClass().getSimpleName() + "[" + address() + "]";
    }
}
