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
}
