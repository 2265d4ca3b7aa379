package io.tollway.infrastructure.chain.signing;

import org.web3j.crypto.Credentials;

/**
 * anvil's first development account, whose key is printed by every anvil and published in its
 * documentation: worthless anywhere but a local chain. Tollway signs with it only where it deploys
 * its own development contracts ({@code tollway.dev-contracts}) and no signer is configured.
 */
public final class DevelopmentSigner extends LocalKeySigner {

    private static final String ANVIL_ACCOUNT_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public DevelopmentSigner() {
        super(credentials());
    }

    /** The account's credentials, for deploying the development contracts. */
    public static Credentials credentials() {
        return Credentials.create(ANVIL_ACCOUNT_0);
    }
}
