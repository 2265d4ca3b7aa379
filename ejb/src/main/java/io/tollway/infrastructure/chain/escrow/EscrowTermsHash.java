package io.tollway.infrastructure.chain.escrow;

import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.infrastructure.chain.Abi;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The hash both parties approve, computed off chain exactly as {@code ServiceEscrow._termsHash}:
 * {@code keccak256(abi.encode(chainId, escrow, id, setupFee, baseFeePerHour, variableFeePerHour,
 * lockupSeconds, arbiter, keccak256(bytes(metadata))))}. With it Tollway can show a party the hash
 * of the terms it offered, and tell whether the chain holds those terms, without asking the node.
 * Every field is a static ABI type, so the encoding is nine 32-byte words.
 */
public final class EscrowTermsHash {

    private EscrowTermsHash() {
    }

    /**
     * @param arbiterOrZero the uptime arbiter, or {@link Abi#NO_ADDRESS}
     * @param metadata      the agreement's metadata as set on chain (its UTF-8 bytes are hashed)
     * @return the hash as 0x-hex, as {@code termsHash(id)} answers it
     */
    public static String of(long chainId, String escrow, BigInteger onChainId, EscrowTerms terms, String arbiterOrZero,
                            String metadata) {
        Objects.requireNonNull(terms, "terms");
        List<byte[]> words = List.of(
                word(BigInteger.valueOf(chainId)),
                word(new BigInteger(Abi.address("escrow", escrow).substring(2), 16)),
                word(Abi.positive("onChainId", onChainId, Abi.MAX_UINT256)),
                word(terms.setupFee()),
                word(terms.baseFeePerHour()),
                word(terms.variableFeePerHour()),
                word(BigInteger.valueOf(terms.lockupSeconds())),
                word(new BigInteger(Abi.address("arbiter", arbiterOrZero).substring(2), 16)),
                Hash.sha3(Objects.requireNonNull(metadata, "metadata").getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(32 * words.size());
        words.forEach(encoded::writeBytes);
        return Numeric.toHexString(Hash.sha3(encoded.toByteArray()));
    }

    private static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(Abi.atMost("value", value, Abi.MAX_UINT256), 32);
    }
}
