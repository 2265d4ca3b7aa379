package io.tollway.infrastructure.chain.signing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.transaction.type.Transaction1559;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeystoreSignerTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static String address;

    @BeforeAll
    static void writeKeystore() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        keystore = dir.resolve(WalletUtils.generateWalletFile(PASSWORD, key, dir.toFile(), false));
        address = Credentials.create(key).getAddress();
    }

    static RawTransaction transfer(long chainId) {
        return RawTransaction.createTransaction(chainId, BigInteger.ZERO, BigInteger.valueOf(21_000),
                "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", BigInteger.ONE, "",
                BigInteger.ONE, BigInteger.valueOf(2_000_000_000L));
    }

    @Test
    void signsTransactionsThatRecoverToItsAddressOnTheGivenChain() throws Exception {
        KeystoreSigner signer = KeystoreSigner.open(keystore, PASSWORD);

        SignedRawTransaction signed = (SignedRawTransaction) TransactionDecoder.decode(signer.sign(transfer(31337)));

        assertThat(signer.address()).isEqualTo(address);
        assertThat(signed.getFrom()).isEqualTo(address);
        assertThat(((Transaction1559) signed.getTransaction()).getChainId()).isEqualTo(31337);
    }

    @Test
    void wrongPasswordIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> KeystoreSigner.open(keystore, "guess"))
                .isInstanceOf(SigningFailed.class)
                .hasMessageContaining(keystore.toString())
                .hasMessageNotContaining("guess");
    }

    @Test
    void missingOrBrokenKeystoreIsNamed() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{not a keystore");

        assertThatThrownBy(() -> KeystoreSigner.open(dir.resolve("absent.json"), PASSWORD))
                .isInstanceOf(SigningFailed.class).hasMessageContaining("absent.json");
        assertThatThrownBy(() -> KeystoreSigner.open(broken, PASSWORD))
                .isInstanceOf(SigningFailed.class).hasMessageContaining("not a valid keystore");
    }

    @Test
    void nothingSecretInItsDescription() {
        KeystoreSigner signer = KeystoreSigner.open(keystore, PASSWORD);

        assertThat(signer.toString()).isEqualTo("KeystoreSigner[" + address + "]");
    }

    @Test
    void settingsOpenKeystoreSignersWithPasswordsFromTheEnvironmentOrASecretFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("operator.password"), PASSWORD + "\n");
        Map<String, String> settings = Map.of(
                "tollway.signers", "operator, provider-acme",
                "tollway.signer.operator.keystore", keystore.toString(),
                "tollway.signer.provider-acme.keystore", keystore.toString());
        Map<String, String> environment = Map.of(
                "TOLLWAY_SIGNER_OPERATOR_PASSWORD_FILE", secret.toString(),
                "TOLLWAY_SIGNER_PROVIDER_ACME_PASSWORD", PASSWORD);

        Map<String, TransactionSigner> signers = SignerSettings.open(settings::get, environment, url -> null);

        assertThat(signers).containsOnlyKeys("operator", "provider-acme");
        assertThat(signers.get("operator").address()).isEqualTo(address);
    }

    @Test
    void signerWithoutPasswordOrWithTwoSourcesIsRefusedByName() {
        Map<String, String> settings = Map.of("tollway.signers", "operator", "tollway.signer.operator.keystore", keystore.toString());

        assertThatThrownBy(() -> SignerSettings.open(settings::get, Map.of(), url -> null))
                .isInstanceOf(SigningFailed.class).hasMessageContaining("TOLLWAY_SIGNER_OPERATOR_PASSWORD");
        assertThatThrownBy(() -> SignerSettings.open(settings::get, Map.of(
                "TOLLWAY_SIGNER_OPERATOR_PASSWORD", PASSWORD, "TOLLWAY_SIGNER_OPERATOR_PASSWORD_FILE", "/x"), url -> null))
                .isInstanceOf(SigningFailed.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> SignerSettings.open(Map.of("tollway.signers", "Operator!")::get, Map.of(), url -> null))
                .isInstanceOf(SigningFailed.class).hasMessageContaining("signer name");
    }
}
