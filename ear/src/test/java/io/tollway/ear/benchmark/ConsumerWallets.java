package io.tollway.ear.benchmark;

import io.tollway.devkit.Anvil;
import io.tollway.wallet.ChainWallet;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * A fresh consumer wallet per agreement, as a thousand real consumers would have: a new key, gas
 * money put in place by anvil ({@code anvil_setBalance}, no transaction) and the command-line
 * wallet's {@link ChainWallet} to send its calls. Anvil's ten development accounts are too few, and
 * account 0 is the operator's, whose nonces belong to the chain gateway.
 *
 * <p>All wallets share one JSON-RPC client: a client each would mean a thousand connection pools.
 */
final class ConsumerWallets implements AutoCloseable {

    /** 10 ether, far more gas money than four calls cost. */
    private static final String GAS_MONEY = "0x8ac7230489e80000";
    /** Polled often: each agreement waits for its wallet's receipts one after another. */
    private static final Duration RECEIPT_POLL = Duration.ofMillis(50);
    private static final Duration RECEIPT_DEADLINE = Duration.ofMinutes(2);

    private final Anvil anvil;
    private final Web3j web3j;

    ConsumerWallets(Anvil anvil) {
        this.anvil = anvil;
        this.web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    }

    ChainWallet create() {
        Credentials credentials;
        try {
            credentials = Credentials.create(Keys.createEcKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key", e);
        }
        anvil.call("anvil_setBalance", "[\"" + credentials.getAddress() + "\",\"" + GAS_MONEY + "\"]");
        return new ChainWallet(web3j, credentials, RECEIPT_POLL, RECEIPT_DEADLINE);
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
