package io.tollway.infrastructure.chain.signing;

import org.web3j.protocol.Web3jService;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Opens the signers the settings name. {@code tollway.signers} lists the names (comma
 * separated); each name is either a keystore ({@code tollway.signer.<name>.keystore}, password
 * per {@link SignerPassword}) or an external signer ({@code tollway.signer.<name>.remote-url} and
 * {@code tollway.signer.<name>.address}).
 */
public final class SignerSettings {

    private SignerSettings() {
    }

    /**
     * @param setting     a setting by name, or null when absent
     * @param environment where passwords come from
     * @param connect     opens the JSON-RPC connection to an external signer's URL
     * @return the signers by name, in the order listed
     */
    public static Map<String, TransactionSigner> open(UnaryOperator<String> setting, Map<String, String> environment,
                                                      Function<String, Web3jService> connect) {
        Map<String, TransactionSigner> signers = new LinkedHashMap<>();
        String names = setting.apply("tollway.signers");
        if (names == null || names.isBlank()) {
            return signers;
        }
        for (String name : Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList()) {
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new SigningFailed("signer name '" + name + "' must be lower-case letters, digits and '-'");
            }
            String keystore = setting.apply("tollway.signer." + name + ".keystore");
            String remote = setting.apply("tollway.signer." + name + ".remote-url");
            if ((keystore == null) == (remote == null)) {
                throw new SigningFailed("signer " + name + " needs exactly one of tollway.signer." + name
                        + ".keystore and tollway.signer." + name + ".remote-url");
            }
            TransactionSigner signer = keystore != null
                    ? KeystoreSigner.open(Path.of(keystore), SignerPassword.of(name, environment))
                    : new RemoteSigner(connect.apply(remote), setting.apply("tollway.signer." + name + ".address"));
            signers.put(name, signer);
        }
        return signers;
    }
}
