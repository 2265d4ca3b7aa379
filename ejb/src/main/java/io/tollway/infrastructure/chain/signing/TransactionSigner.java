package io.tollway.infrastructure.chain.signing;

import org.web3j.crypto.RawTransaction;

/**
 * Signs transactions for one account. Each key Tollway signs with (the operator's, each hosted
 * provider's) has exactly one signer; its private key never leaves it and never appears in a
 * log line or an exception. Consumers' keys never reach Tollway at all.
 */
public interface TransactionSigner {

    /** The account's address, lower case, 0x-prefixed. */
    String address();

    /**
     * The signed transaction, ready for {@code eth_sendRawTransaction}, as 0x-prefixed hex.
     *
     * @param transaction an EIP-1559 transaction; its chain id binds the signature to one chain
     */
    String sign(RawTransaction transaction);

    /**
     * The 65-byte signature (r, s, v with v 27 or 28) of a 32-byte digest, as 0x-hex: the agent's
     * EIP-712 consents, such as a channel's {@code ClosingProof}. A signer that only signs
     * transactions (a remote one) refuses.
     */
    default String signDigest(byte[] digest) {
        throw new SigningFailed(this + " signs transactions only, not digests");
    }
}
