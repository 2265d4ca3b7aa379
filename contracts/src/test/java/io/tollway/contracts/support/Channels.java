package io.tollway.contracts.support;

import io.tollway.contracts.generated.PaymentChannels;
import java.math.BigInteger;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Short ways to set up offerings and channels, and to sign their cheques. */
public final class Channels {

    private final Tollway tollway;

    public Channels(Tollway tollway) {
        this.tollway = tollway;
    }

    /** An open channel. */
    public record Channel(Party consumer, Party agent, byte[] offering, BigInteger openBlock, byte[] key) {
    }

    public static byte[] offeringHash(String name) {
        return Hash.sha3(name.getBytes());
    }

    public byte[] offering(Party agent, String name, BigInteger minDeposit, int supply) throws Exception {
        byte[] hash = offeringHash(name);
        tollway.channels(agent).registerOffering(hash, minDeposit, BigInteger.valueOf(supply)).send();
        return hash;
    }

    public Channel open(Party consumer, Party agent, byte[] offering, BigInteger deposit) throws Exception {
        TransactionReceipt receipt = tollway.channels(consumer).createChannel(agent.address(), offering, deposit).send();
        PaymentChannels.ChannelCreatedEventResponse created = tollway.channels(consumer).getChannelCreatedEvents(receipt).get(0);
        return new Channel(consumer, agent, offering, created.openBlock, created.key);
    }

    public byte[] cheque(Channel c, BigInteger balance) {
        return Cheques.balanceProof(c.consumer().credentials(), tollway.chain().chainId(), tollway.channelsAddress(), c.key(), balance);
    }

    public byte[] closing(Channel c, BigInteger balance) {
        return Cheques.closingProof(c.agent().credentials(), tollway.chain().chainId(), tollway.channelsAddress(), c.key(), balance);
    }

    public TransactionReceipt closeCooperatively(Party sender, Channel c, BigInteger balance) throws Exception {
        return tollway.channels(sender).cooperativeClose(c.consumer().address(), c.agent().address(), c.openBlock(),
                c.offering(), balance, cheque(c, balance), closing(c, balance)).send();
    }

    public BigInteger deposit(Channel c) throws Exception {
        return tollway.channels(c.consumer()).channel(c.key()).send().component1();
    }

    public BigInteger withdrawable(Party party) throws Exception {
        return tollway.channels(party).accountOf(party.address()).send().component3();
    }
}
