package io.tollway.infrastructure.chain.channels;

import io.tollway.domain.model.channel.Cheque;
import io.tollway.domain.model.channel.ChequeSignatures;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cheques of {@code PaymentChannels} on one deployment: the EIP-712 domain {name "Tollway
 * PaymentChannels", version "1", chain id, verifying contract} is fixed by the constructor — from
 * Tollway's configuration, never from a cheque or a request — so a cheque signed for another
 * chain, another contract or another channel recovers to some other address.
 *
 * <p>{@link #signerOf} recovers the signer the way the contract's {@code _signer} does
 * (OpenZeppelin's {@code ECDSA.tryRecover}): the digest is {@code keccak256(0x1901 ‖
 * domainSeparator ‖ keccak256(abi.encode(BALANCE_PROOF_TYPEHASH, channelKey, balance)))}, v must
 * be 27 or 28, s at most half the curve order, r and s not 0 and below the order, r the x
 * coordinate of a curve point; anything else has no signer (and never an exception), so Tollway
 * never keeps a cheque the contract would refuse. The recovery itself is web3j's ({@link
 * Sign#recoverFromSignature}); the domain separator is computed once, by web3j's {@link
 * StructuredDataEncoder}, and each digest costs two Keccak hashes. Immutable, thread-safe.
 *
 * <p>{@link #balanceProofTypedData} is the JSON a consumer's wallet signs
 * ({@code eth_signTypedData_v4}); {@link #closingProofDigest} is what the agent signs to close.
 */
public final class Eip712ChequeSignatures implements ChequeSignatures {

    public static final String DOMAIN_NAME = "Tollway PaymentChannels";
    public static final String DOMAIN_VERSION = "1";
    public static final String BALANCE_PROOF = "BalanceProof";
    public static final String CLOSING_PROOF = "ClosingProof";

    private static final byte[] BALANCE_PROOF_TYPEHASH = typeHash(BALANCE_PROOF);
    private static final byte[] CLOSING_PROOF_TYPEHASH = typeHash(CLOSING_PROOF);
    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern KEY = Pattern.compile("0x[0-9a-f]{64}");
    private static final String NO_KEY = "0x" + "00".repeat(32);

    private final long chainId;
    private final String verifyingContract;
    private final byte[] domainSeparator;

    /**
     * @param chainId         the chain Tollway's node is on (checked against the node by the caller)
     * @param paymentChannels the address of this deployment's {@code PaymentChannels}
     */
    public Eip712ChequeSignatures(long chainId, String paymentChannels) {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be more than 0, was " + chainId);
        }
        String contract = Objects.requireNonNull(paymentChannels, "paymentChannels").toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(contract).matches()) {
            throw new IllegalArgumentException("paymentChannels must be 0x and 20 bytes of hex, was " + paymentChannels);
        }
        this.chainId = chainId;
        this.verifyingContract = contract;
        this.domainSeparator = encoder(typedData(BALANCE_PROOF, NO_KEY, BigInteger.ZERO)).hashDomain();
    }

    @Override
    public Optional<String> signerOf(Cheque cheque) {
        byte[] signature = Numeric.hexStringToByteArray(cheque.signature());
        int v = signature[64] & 0xff;
        if (v != 27 && v != 28) {
            return Optional.empty();
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0 || s.signum() == 0 || s.compareTo(HALF_CURVE_ORDER) > 0) {
            return Optional.empty();
        }
        byte[] digest = digest(BALANCE_PROOF_TYPEHASH, Numeric.hexStringToByteArray(cheque.channelKey()), cheque.balance());
        BigInteger publicKey;
        try {
            publicKey = Sign.recoverFromSignature(v - 27, new ECDSASignature(r, s), digest);
        } catch (IllegalArgumentException noPointWithThatR) {
            return Optional.empty(); // BouncyCastle: r is no x coordinate on the curve (ecrecover answers 0)
        }
        return publicKey == null ? Optional.empty() : Optional.of("0x" + Keys.getAddress(publicKey));
    }

    /** The digest a consumer signs for {@code balance} on {@code channelKey}: the contract's {@code balanceProofDigest}. */
    public byte[] balanceProofDigest(String channelKey, BigInteger balance) {
        return digest(BALANCE_PROOF_TYPEHASH, Numeric.hexStringToByteArray(key(channelKey)), uint256(balance));
    }

    /** The digest an agent signs to close {@code channelKey} at {@code balance}: the contract's {@code closingProofDigest}. */
    public byte[] closingProofDigest(String channelKey, BigInteger balance) {
        return digest(CLOSING_PROOF_TYPEHASH, Numeric.hexStringToByteArray(key(channelKey)), uint256(balance));
    }

    /** This deployment's EIP-712 domain separator: the contract's {@code domainSeparator()}. */
    public byte[] domainSeparator() {
        return domainSeparator.clone();
    }

    /**
     * The EIP-712 typed data of a cheque for {@code balance} on {@code channelKey}, as a consumer's
     * wallet signs it ({@code eth_signTypedData_v4}): the types, primary type {@code BalanceProof},
     * this deployment's domain and the message.
     */
    public String balanceProofTypedData(String channelKey, BigInteger balance) {
        return typedData(BALANCE_PROOF, key(channelKey), uint256(balance));
    }

    /** The typed data of the agent's consent to close {@code channelKey} at {@code balance} (primary type {@code ClosingProof}). */
    public String closingProofTypedData(String channelKey, BigInteger balance) {
        return typedData(CLOSING_PROOF, key(channelKey), uint256(balance));
    }

    public long chainId() {
        return chainId;
    }

    /** The {@code PaymentChannels} address cheques are verified for, lower-case. */
    public String verifyingContract() {
        return verifyingContract;
    }

    private String typedData(String primaryType, String channelKey, BigInteger balance) {
        return """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},\
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],\
                "%1$s":[{"name":"channelKey","type":"bytes32"},{"name":"balance","type":"uint256"}]},\
                "primaryType":"%1$s",\
                "domain":{"name":"%2$s","version":"%3$s","chainId":%4$d,"verifyingContract":"%5$s"},\
                "message":{"channelKey":"%6$s","balance":"%7$s"}}"""
                .formatted(primaryType, DOMAIN_NAME, DOMAIN_VERSION, chainId, verifyingContract, channelKey, balance);
    }

    /** {@code keccak256(0x1901 ‖ domainSeparator ‖ keccak256(typeHash ‖ key ‖ uint256(balance)))}. */
    private byte[] digest(byte[] typeHash, byte[] key, BigInteger balance) {
        byte[] struct = new byte[96];
        System.arraycopy(typeHash, 0, struct, 0, 32);
        System.arraycopy(key, 0, struct, 32, 32);
        System.arraycopy(Numeric.toBytesPadded(balance, 32), 0, struct, 64, 32);
        byte[] message = new byte[66];
        message[0] = 0x19;
        message[1] = 0x01;
        System.arraycopy(domainSeparator, 0, message, 2, 32);
        System.arraycopy(Hash.sha3(struct), 0, message, 34, 32);
        return Hash.sha3(message);
    }

    private static byte[] typeHash(String primaryType) {
        return Hash.sha3((primaryType + "(bytes32 channelKey,uint256 balance)").getBytes(StandardCharsets.US_ASCII));
    }

    private static StructuredDataEncoder encoder(String typedData) {
        try {
            return new StructuredDataEncoder(typedData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String channelKey) {
        String key = Objects.requireNonNull(channelKey, "channelKey").toLowerCase(Locale.ROOT);
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("channelKey must be 0x and 32 bytes of hex, was " + channelKey);
        }
        return key;
    }

    private static BigInteger uint256(BigInteger balance) {
        Objects.requireNonNull(balance, "balance");
        if (balance.signum() < 0 || balance.compareTo(Cheque.MAX_BALANCE) > 0) {
            throw new IllegalArgumentException("balance must be 0 to 2^256 - 1, was " + balance);
        }
        return balance;
    }
}
