package io.tollway.wallet;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the API's cheque, the wallet's own rendering of it, and the checks before it is signed. */
class ChequeTypedDataTest {

    static final long CHAIN = 31337;
    static final String CHANNELS = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
    static final String KEY = "0x" + "cd".repeat(32);

    /** The typed data as Tollway's API renders it ({@code Eip712ChequeSignatures.balanceProofTypedData}). */
    static String apiTypedData(long chainId, String contract, String key, String balance) {
        return """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},\
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],\
                "BalanceProof":[{"name":"channelKey","type":"bytes32"},{"name":"balance","type":"uint256"}]},\
                "primaryType":"BalanceProof",\
                "domain":{"name":"Tollway PaymentChannels","version":"1","chainId":%d,"verifyingContract":"%s"},\
                "message":{"channelKey":"%s","balance":"%s"}}""".formatted(chainId, contract, key, balance);
    }

    /** The digest by EIP-712's definition, written out: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)). */
    static byte[] digestByHand(long chainId, String contract, String key, BigInteger balance) {
        byte[] domainSeparator = Hash.sha3(concat(
                keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak("Tollway PaymentChannels"), keccak("1"), word(BigInteger.valueOf(chainId)),
                word(Numeric.toBigInt(contract))));
        byte[] structHash = Hash.sha3(concat(keccak("BalanceProof(bytes32 channelKey,uint256 balance)"),
                Numeric.hexStringToByteArray(key), word(balance)));
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator, structHash));
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] digestOf(String typedData) throws Exception {
        return new StructuredDataEncoder(typedData).hashStructuredData();
    }

    @Test
    void readsTheApisChequeAndRendersTheSameDigest() throws Exception {
        String api = apiTypedData(CHAIN, CHANNELS, KEY, "350");

        ChequeTypedData cheque = ChequeTypedData.parse(api);

        assertThat(cheque).isEqualTo(new ChequeTypedData(CHAIN, CHANNELS, KEY, BigInteger.valueOf(350)));
        assertThat(digestOf(cheque.json())).isEqualTo(digestOf(api))
                .isEqualTo(digestByHand(CHAIN, CHANNELS, KEY, BigInteger.valueOf(350)));
    }

    @Test
    void anotherBalanceChangesOnlyTheMessage() throws Exception {
        ChequeTypedData cheque = ChequeTypedData.parse(apiTypedData(CHAIN, CHANNELS, KEY, "350")).withBalance(BigInteger.valueOf(1150));

        assertThat(cheque).isEqualTo(new ChequeTypedData(CHAIN, CHANNELS, KEY, BigInteger.valueOf(1150)));
        assertThat(digestOf(cheque.json())).isEqualTo(digestByHand(CHAIN, CHANNELS, KEY, BigInteger.valueOf(1150)));
    }

    @Test
    void whatTheApiAddsBeyondTheFourValuesIsNotSigned() throws Exception {
        // a salt in the domain changes the digest: the wallet leaves it out
        String padded = apiTypedData(CHAIN, CHANNELS, KEY, "350")
                .replace("{\"name\":\"verifyingContract\",\"type\":\"address\"}]",
                        "{\"name\":\"verifyingContract\",\"type\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\"}]")
                .replace("\"verifyingContract\":\"" + CHANNELS + "\"", "\"verifyingContract\":\"" + CHANNELS + "\",\"salt\":\"" + KEY + "\"");
        assertThat(digestOf(padded)).isNotEqualTo(digestByHand(CHAIN, CHANNELS, KEY, BigInteger.valueOf(350)));

        assertThat(digestOf(ChequeTypedData.parse(padded).json())).isEqualTo(digestByHand(CHAIN, CHANNELS, KEY, BigInteger.valueOf(350)));
    }

    @Test
    void checksummedAddressesAndAChainIdAsTextAreTheSame() {
        String checksummed = Keys.toChecksumAddress(CHANNELS);
        String api = apiTypedData(CHAIN, checksummed, KEY.toUpperCase().replace("0X", "0x"), "7")
                .replace("\"chainId\":31337", "\"chainId\":\"0x7a69\"");

        ChequeTypedData cheque = ChequeTypedData.parse(api);

        assertThat(cheque).isEqualTo(new ChequeTypedData(CHAIN, CHANNELS, KEY, BigInteger.valueOf(7)));
        cheque.checkFor(CHAIN, CHAIN, checksummed, CHANNELS.toUpperCase().replace("0X", "0x"), KEY);
    }

    @Test
    void onlyABalanceProofOfTollwaysDomainIsRead() {
        String closing = apiTypedData(CHAIN, CHANNELS, KEY, "350").replace("BalanceProof", "ClosingProof");
        String otherName = apiTypedData(CHAIN, CHANNELS, KEY, "350").replace("Tollway PaymentChannels", "Permit2");
        String otherVersion = apiTypedData(CHAIN, CHANNELS, KEY, "350").replace("\"version\":\"1\"", "\"version\":\"2\"");

        assertThatThrownBy(() -> ChequeTypedData.parse(closing)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the API's cheque is not a BalanceProof of Tollway PaymentChannels version 1: primary type ClosingProof"
                        + " on domain Tollway PaymentChannels version 1");
        assertThatThrownBy(() -> ChequeTypedData.parse(otherName)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("on domain Permit2 version 1");
        assertThatThrownBy(() -> ChequeTypedData.parse(otherVersion)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> ChequeTypedData.parse("{not json")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the API's cheque is not JSON typed data");
        assertThatThrownBy(() -> ChequeTypedData.parse(apiTypedData(CHAIN, CHANNELS, "0x1234", "350")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the API's cheque does not hold a valid domain and message: the channel key must be 0x and 32 bytes of hex, was 0x1234");
        assertThatThrownBy(() -> ChequeTypedData.parse(apiTypedData(CHAIN, CHANNELS, KEY, "-1"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the balance must be 0 to 2^256 - 1, was -1");
    }

    @Test
    void aChequeForAnotherChainContractOrChannelIsRefused() {
        ChequeTypedData cheque = new ChequeTypedData(CHAIN, CHANNELS, KEY, BigInteger.TEN);
        String otherContract = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
        String otherKey = "0x" + "ef".repeat(32);

        cheque.checkFor(CHAIN, CHAIN, CHANNELS, CHANNELS, KEY); // all agree: no refusal

        assertThatThrownBy(() -> cheque.checkFor(1, CHAIN, CHANNELS, CHANNELS, KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: it is for chain 31337, but the node is chain 1");
        assertThatThrownBy(() -> cheque.checkFor(CHAIN, 1, CHANNELS, CHANNELS, KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: it is for chain 31337, but the agreement's chain is 1");
        assertThatThrownBy(() -> cheque.checkFor(CHAIN, CHAIN, otherContract, CHANNELS, KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: it is for contract " + CHANNELS + ", but the agreement's channels contract is "
                        + otherContract);
        assertThatThrownBy(() -> cheque.checkFor(CHAIN, CHAIN, CHANNELS, otherContract, KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: it is for contract " + CHANNELS + ", but the deployment's PaymentChannels is "
                        + otherContract);
        assertThatThrownBy(() -> cheque.checkFor(CHAIN, CHAIN, CHANNELS, CHANNELS, otherKey)).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: it is for channel " + KEY + ", but the agreement's channel is " + otherKey);
    }
}
