package io.tollway.contracts.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * EIP-712 signatures of the payment channels: the consumer's {@code BalanceProof} and the
 * agent's {@code ClosingProof}, signed with web3j's typed-data signer over the domain
 * (name, version, chain id, verifying contract).
 */
public final class Cheques {

    public static final String BALANCE_PROOF = "BalanceProof";
    public static final String CLOSING_PROOF = "ClosingProof";

    private Cheques() {
    }

    /** The consumer's cheque for cumulative {@code balance} on channel {@code key}. */
    public static byte[] balanceProof(Credentials consumer, long chainId, String contract, byte[] key, BigInteger balance) {
        return sign(BALANCE_PROOF, consumer, chainId, contract, key, balance);
    }

    /** The agent's consent to close channel {@code key} at {@code balance}. */
    public static byte[] closingProof(Credentials agent, long chainId, String contract, byte[] key, BigInteger balance) {
        return sign(CLOSING_PROOF, agent, chainId, contract, key, balance);
    }

    /** The typed-data JSON that wallets sign. */
    public static String typedData(String primaryType, long chainId, String contract, byte[] key, BigInteger balance) {
        return """
                {"types":{
                  "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                                  {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                  "%1$s":[{"name":"channelKey","type":"bytes32"},{"name":"balance","type":"uint256"}]},
                 "primaryType":"%1$s",
                 "domain":{"name":"Tollway PaymentChannels","version":"1","chainId":%2$d,"verifyingContract":"%3$s"},
                 "message":{"channelKey":"%4$s","balance":"%5$s"}}
                """.formatted(primaryType, chainId, contract, Numeric.toHexString(key), balance.toString());
    }

    private static byte[] sign(String type, Credentials signer, long chainId, String contract, byte[] key, BigInteger balance) {
        try {
            Sign.SignatureData sig = Sign.signTypedData(typedData(type, chainId, contract, key, balance), signer.getEcKeyPair());
            byte[] out = new byte[65];
            System.arraycopy(sig.getR(), 0, out, 0, 32);
            System.arraycopy(sig.getS(), 0, out, 32, 32);
            out[64] = sig.getV()[0];
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
