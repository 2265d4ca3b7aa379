package io.tollway.infrastructure.chain.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a keystore's password comes from: the environment variable
 * {@code TOLLWAY_SIGNER_<NAME>_PASSWORD}, or a secret file named by
 * {@code TOLLWAY_SIGNER_<NAME>_PASSWORD_FILE} (as container platforms mount secrets). Never from
 * the database, a system property or a command line, where other users and logs can read it.
 */
final class SignerPassword {

    private SignerPassword() {
    }

    static String of(String signerName, Map<String, String> environment) {
        String prefix = "TOLLWAY_SIGNER_" + signerName.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
        String inline = environment.get(prefix);
        String file = environment.get(prefix + "_FILE");
        if (inline != null && file != null) {
            throw new SigningFailed("signer " + signerName + ": set " + prefix + " or " + prefix + "_FILE, not both");
        }
        if (inline != null) {
            return inline;
        }
        if (file == null) {
            throw new SigningFailed("signer " + signerName + " has no password: set " + prefix + " or " + prefix + "_FILE");
        }
        try {
            // a secret file usually ends with a newline that is not part of the password
            return Files.readString(Path.of(file)).stripTrailing();
        } catch (IOException e) {
            throw new SigningFailed("signer " + signerName + ": password file " + file + " cannot be read");
        }
    }
}
