package io.tollway.infrastructure.chain.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollway.domain.model.channel.Cheque;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier without a chain: its typed data, its configuration, and signatures that have no signer. */
class Eip712ChequeSignaturesTest {

    private static final String CONTRACT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String KEY = "0x" + "5a".repeat(32);
    private static final Eip712ChequeSignatures SIGNATURES = new Eip712ChequeSignatures(31_337, CONTRACT);
    private static final BigInteger N = Sign.CURVE_PARAMS.getN();

    private static Cheque cheque(BigInteger r, BigInteger s, int v) {
        return new Cheque(KEY, BigInteger.TEN, "0x" + Numeric.toHexStringNoPrefixZeroPadded(r, 64)
                + Numeric.toHexStringNoPrefixZeroPadded(s, 64) + String.format("%02x", v));
    }

    @Test
    void typedDataNamesThisDeploymentAndTheCheque() throws Exception {
        JsonNode data = new ObjectMapper().readTree(SIGNATURES.balanceProofTypedData(KEY, BigInteger.TWO.pow(100)));

        assertThat(data.path("primaryType").asText()).isEqualTo("BalanceProof");
        assertThat(data.path("domain").path("name").asText()).isEqualTo("Tollway PaymentChannels");
        assertThat(data.path("domain").path("version").asText()).isEqualTo("1");
        assertThat(data.path("domain").path("chainId").asLong()).isEqualTo(31_337);
        assertThat(data.path("domain").path("verifyingContract").asText()).isEqualTo(CONTRACT.toLowerCase());
        assertThat(data.path("message").path("channelKey").asText()).isEqualTo(KEY);
        assertThat(data.path("message").path("balance").asText()).isEqualTo(BigInteger.TWO.pow(100).toString());
        assertThat(data.path("types").path("BalanceProof").toString())
                .isEqualTo("[{\"name\":\"channelKey\",\"type\":\"bytes32\"},{\"name\":\"balance\",\"type\":\"uint256\"}]");
    }

    @Test
    void aWalletsSignatureOfTheTypedDataRecoversTheWallet() throws Exception {
        Credentials wallet = Credentials.create("0x" + "42".repeat(32));
        Sign.SignatureData s = Sign.signTypedData(SIGNATURES.balanceProofTypedData(KEY, BigInteger.TEN), wallet.getEcKeyPair());

        Cheque cheque = cheque(new BigInteger(1, s.getR()), new BigInteger(1, s.getS()), s.getV()[0]);

        assertThat(SIGNATURES.signerOf(cheque)).contains(wallet.getAddress().toLowerCase());
    }

    @Test
    void signaturesTheContractWouldNotAcceptHaveNoSigner() {
        BigInteger one = BigInteger.ONE;

        assertThat(SIGNATURES.signerOf(cheque(BigInteger.ZERO, one, 27))).isEmpty();
        assertThat(SIGNATURES.signerOf(cheque(one, BigInteger.ZERO, 27))).isEmpty();
        assertThat(SIGNATURES.signerOf(cheque(N, one, 27))).isEmpty();
        assertThat(SIGNATURES.signerOf(cheque(one, N.shiftRight(1).add(one), 27))).isEmpty();
        assertThat(SIGNATURES.signerOf(cheque(one, one, 0))).isEmpty();
        assertThat(SIGNATURES.signerOf(cheque(one, one, 29))).isEmpty();
    }

    @Test
    void garbageSignaturesHaveNoSignerOrSomeStrangersButNeverThrow() {
        for (int r = 1; r <= 64; r++) {
            Optional<String> signer = SIGNATURES.signerOf(cheque(BigInteger.valueOf(r), BigInteger.valueOf(7), 27 + r % 2));
            signer.ifPresent(address -> assertThat(address).matches("0x[0-9a-f]{40}"));
        }
    }

    @Test
    void theDeploymentMustBeNamedProperly() {
        assertThatThrownBy(() -> new Eip712ChequeSignatures(0, CONTRACT)).hasMessageContaining("chainId");
        assertThatThrownBy(() -> new Eip712ChequeSignatures(1, "0x1234")).hasMessageContaining("paymentChannels");
        assertThatThrownBy(() -> SIGNATURES.balanceProofDigest("0x12", BigInteger.ONE)).hasMessageContaining("channelKey");
        assertThatThrownBy(() -> SIGNATURES.balanceProofDigest(KEY, BigInteger.ONE.negate())).hasMessageContaining("balance");
        assertThat(SIGNATURES.verifyingContract()).isEqualTo(CONTRACT.toLowerCase());
        assertThat(SIGNATURES.chainId()).isEqualTo(31_337);
    }
}
