package io.tollway.infrastructure.chain.channels;

import io.tollway.domain.model.channel.Cheque;
import io.tollway.infrastructure.chain.signing.TransactionSigner;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The agent's consent to close a channel at a balance: its signature over the EIP-712
 * {@code ClosingProof(bytes32 channelKey,uint256 balance)} digest of this deployment, which
 * {@code cooperativeClose} requires next to the consumer's cheque.
 *
 * <p>The agent's {@link TransactionSigner} signs the digest (keys in memory or in a keystore; a
 * remote signer that signs transactions only refuses). The signature is r ‖ s ‖ v with v 27 or 28
 * and a low s, as OpenZeppelin's {@code ECDSA.tryRecover} requires (web3j signs canonically).
 */
public final class ClosingSignatures {

    private final Eip712ChequeSignatures domain;
    private final TransactionSigner agent;

    /**
     * @param domain this deployment's EIP-712 domain (chain id, {@code PaymentChannels} address)
     * @param agent  the offering's agent: the contract checks the signature recovers to it
     */
    public ClosingSignatures(Eip712ChequeSignatures domain, TransactionSigner agent) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    /** The agent's closing signature at the cheque's balance on the cheque's channel, 0x-hex. */
    public String sign(Cheque cheque) {
        return sign(cheque.channelKey(), cheque.balance());
    }

    /** The agent's closing signature at {@code balance} on {@code channelKey}, 0x-hex (65 bytes). */
    public String sign(String channelKey, BigInteger balance) {
        return agent.signDigest(domain.closingProofDigest(channelKey, balance));
    }

    /** The agent's address, lower-case. */
    public String agent() {
        return agent.address();
    }

    @Override
    public String toString() {
        return "ClosingSignatures[" + agent() + "]"; // never the key
    }
}
