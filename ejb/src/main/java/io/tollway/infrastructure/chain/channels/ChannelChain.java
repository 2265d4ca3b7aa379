package io.tollway.infrastructure.chain.channels;

import io.tollway.domain.model.channel.ChequeSignatures;
import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.chain.ChainGatewayUnavailable;
import io.tollway.infrastructure.chain.ChainNode;
import io.tollway.infrastructure.chain.DeployedContracts;
import io.tollway.infrastructure.chain.DevContracts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * This deployment's {@code PaymentChannels} as the agreements see it: its address and EIP-712
 * domain (cheques are checked against these, never against an address from a request), what it
 * holds for a channel or an offering, and the operator's closing signature. Node errors become
 * {@link UncheckedIOException}, which a job retries.
 */
@ApplicationScoped
public class ChannelChain {

    @Inject
    ChainNode node;

    @Inject
    DeployedContracts contracts;

    @Inject
    ChainGatewayService gateway;

    private volatile Eip712ChequeSignatures signatures;

    public String channelsAddress() {
        String address = contracts.addresses().get(DevContracts.PAYMENT_CHANNELS);
        if (address == null) {
            throw new ChainGatewayUnavailable("no " + DevContracts.PAYMENT_CHANNELS + " contract is recorded for this deployment");
        }
        return address;
    }

    /** The agent of every channel offering: the operator's signer, which runs hosted providers' services. */
    public String agentAddress() {
        return gateway.signerAddress(ChainGatewayService.OPERATOR);
    }

    /** Cheques of this chain and this contract only. */
    public ChequeSignatures chequeSignatures() {
        return eip712();
    }

    public String balanceProofTypedData(String channelKey, BigInteger balance) {
        return eip712().balanceProofTypedData(channelKey, balance);
    }

    /** The operator's (agent's) consent to close {@code channelKey} at {@code balance}. */
    public String closingSignature(String channelKey, BigInteger balance) {
        return new ClosingSignatures(eip712(), gateway.signer(ChainGatewayService.OPERATOR)).sign(channelKey, balance);
    }

    public ChannelOnChain channel(String channelKey) {
        try {
            return reader().channel(channelsAddress(), channelKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OfferingOnChain offering(String offeringHash) {
        try {
            return reader().offering(channelsAddress(), offeringHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InternalBalance account(String address) {
        try {
            return reader().account(channelsAddress(), address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Eip712ChequeSignatures eip712() {
        Eip712ChequeSignatures current = signatures;
        String address = channelsAddress();
        if (current == null || !current.verifyingContract().equalsIgnoreCase(address)) {
            try {
                current = new Eip712ChequeSignatures(node.chainId(), address);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            signatures = current;
        }
        return current;
    }

    private ChannelReader reader() {
        return new ChannelReader(node.web3j());
    }
}
