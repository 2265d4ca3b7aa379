package io.tollway.infrastructure.chain.signing;

import io.tollway.devkit.Anvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An external signer, played by anvil, which signs for its unlocked development accounts. */
class RemoteSignerTest {

    private static Anvil anvil;
    private static Web3j web3j;
    private static final String ACCOUNT = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(0)).getAddress();

    @BeforeAll
    static void startSigner() {
        anvil = Anvil.start();
        web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    }

    @AfterAll
    static void stopSigner() {
        web3j.shutdown();
        anvil.close();
    }

    @Test
    void signedTransactionRecoversToTheAccountAndIsAcceptedByTheChain() throws Exception {
        RemoteSigner signer = new RemoteSigner(new HttpService(anvil.rpcUrl()), ACCOUNT);

        String raw = signer.sign(KeystoreSignerTest.transfer(Anvil.CHAIN_ID));

        assertThat(((SignedRawTransaction) TransactionDecoder.decode(raw)).getFrom()).isEqualTo(ACCOUNT);
        String hash = web3j.ethSendRawTransaction(raw).send().getTransactionHash();
        TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, 20, 250).waitForTransactionReceipt(hash);
        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(receipt.getFrom()).isEqualTo(ACCOUNT);
    }

    @Test
    void signerThatCannotSignForTheAccountIsReported() {
        String notAnvils = "0x00000000000000000000000000000000000000aa";
        RemoteSigner signer = new RemoteSigner(new HttpService(anvil.rpcUrl()), notAnvils);

        assertThatThrownBy(() -> signer.sign(KeystoreSignerTest.transfer(Anvil.CHAIN_ID)))
                .isInstanceOf(SigningFailed.class).hasMessageContaining(notAnvils);
    }

    @Test
    void settingsOpenAnExternalSigner() {
        Map<String, String> settings = Map.of(
                "tollway.signers", "operator",
                "tollway.signer.operator.remote-url", anvil.rpcUrl(),
                "tollway.signer.operator.address", ACCOUNT);

        TransactionSigner signer = SignerSettings.open(settings::get, Map.of(), HttpService::new).get("operator");

        assertThat(signer).isInstanceOf(RemoteSigner.class);
        assertThat(signer.address()).isEqualTo(ACCOUNT);
        assertThat(signer.toString()).doesNotContain("http");
    }
}
