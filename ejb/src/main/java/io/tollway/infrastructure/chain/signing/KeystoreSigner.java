package io.tollway.infrastructure.chain.signing;

import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A key held in an encrypted keystore file (Ethereum's Web3 Secret Storage, as geth, web3j and
 * most wallets write it), opened once with its password and kept in memory only.
 */
public final class KeystoreSigner extends LocalKeySigner {

    private KeystoreSigner(Credentials credentials) {
        super(credentials);
    }

    /**
     * Opens the keystore. The password is used and forgotten; an error names the file, never the
     * password.
     */
    public static KeystoreSigner open(Path keystore, String password) {
        if (!Files.isReadable(keystore)) {
            throw new SigningFailed("keystore " + keystore + " does not exist or cannot be read");
        }
        try {
            return new KeystoreSigner(WalletUtils.loadCredentials(password, keystore.toFile()));
        } catch (CipherException e) {
            throw new SigningFailed("keystore " + keystore + " does not open with the given password");
        } catch (IOException | RuntimeException e) {
            throw new SigningFailed("keystore " + keystore + " is not a valid keystore file");
        }
    }
}
