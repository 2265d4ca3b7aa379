package io.tollway.infrastructure.chain.channels;

import io.tollway.domain.model.channel.Cheque;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The agent's consent to close a channel at a balance: its signature over the EIP-712
 * {@code ClosingProof(bytes32 channelKey,uint256 balance)} digest of this deployment, which
 * {@code cooperativeClose} requires next to the consumer's cheque.
 *
 * <p>The gateway's {@code TransactionSigner} signs transactions only, so this signs with the
 * agent's key held as web3j {@link Credentials}; a keystore or remote signer needs a
 * digest-signing method before it can serve here. The signature is r ‖ s ‖ v with v 27 or 28 and
 * a low s, as OpenZeppelin's {@code ECDSA.tryRecover} requires (web3j signs canonically).
 */
public final class ClosingSignatures {

    private final Eip712ChequeSignatures domain;
    private final Credentials agent;

    /**
     * @param domain this deployment's EIP-712 domain (chain id, {@code PaymentChannels} address)
     * @param agent  the offering's agent: the contract checks the signature recovers to it
     */
    public ClosingSignatures(Eip712ChequeSignatures domain, Credentials agent) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    /** The agent's closing signature at the cheque's balance on the cheque's channel, 0x-hex. */
    public String sign(Cheque cheque) {
        return sign(cheque.channelKey(), cheque.balance());
    }

    /** The agent's closing signature at {@code balance} on {@code channelKey}, 0x-hex (65 bytes). */
    public String sign(String channelKey, BigInteger balance) {
        Sign.SignatureData signature = Sign.signMessage(domain.closingProofDigest(channelKey, balance), agent.getEcKeyPair(), false);
        byte[] rsv = new byte[65];
        System.arraycopy(signature.getR(), 0, rsv, 0, 32);
        System.arraycopy(signature.getS(), 0, rsv, 32, 32);
        rsv[64] = signature.getV()[0];
        return Numeric.toHexString(rsv);
    }

    /** The agent's address, lower-case. */
    public String agent() {
        return agent.getAddress().toLowerCase();
    }

    @Override
    public String toString() {
        return "ClosingSignatures[" + agent() + "]"; // never the key
    }
}
