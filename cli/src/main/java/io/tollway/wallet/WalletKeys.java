package io.tollway.wallet;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where the wallet's key comes from: hex digits, or an encrypted (Web3 Secret Storage) keystore file. */
public final class WalletKeys {

    private static final Pattern PRIVATE_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    private WalletKeys() {
    }

    /**
     * The key of 64 hex digits, {@code 0x} optional. The message of a refusal never repeats the input,
     * which may be a key with a typo.
     */
    public static Credentials fromHex(String privateKeyHex) {
        String key = privateKeyHex == null ? "" : privateKeyHex.strip();
        if (!PRIVATE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("the private key must be 64 hex digits, optionally 0x-prefixed");
        }
        return Credentials.create(key);
    }

    /** The key in an encrypted keystore file, opened with its password. */
    public static Credentials fromKeystore(Path file, String password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no keystore file " + file);
        }
        try {
            return WalletUtils.loadCredentials(password, file.toFile());
        } catch (CipherException e) {
            throw new IllegalArgumentException("the keystore " + file + " does not open with this password", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the keystore " + file + ": " + e.getMessage(), e);
        }
    }
}
