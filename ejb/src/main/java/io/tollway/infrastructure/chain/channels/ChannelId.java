package io.tollway.infrastructure.chain.channels;

import io.tollway.infrastructure.chain.Abi;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.nio.ByteBuffer;

/**
 * What names a channel in {@code PaymentChannels}' calls: its consumer, agent, opening block and
 * offering (the {@code ChannelCreated} event carries all four). The calls take these, not the
 * key, because the contract recomputes the key from them, taking the consumer from
 * {@code msg.sender} where the consumer must be the caller.
 *
 * @param consumer     lower-case address
 * @param agent        lower-case address
 * @param openBlock    the block the channel was opened in
 * @param offeringHash 32 bytes of hex
 */
public record ChannelId(String consumer, String agent, long openBlock, String offeringHash) {

    public ChannelId {
        consumer = Abi.address("consumer", consumer);
        agent = Abi.address("agent", agent);
        if (openBlock < 0) {
            throw new IllegalArgumentException("openBlock must be 0 or more, was " + openBlock);
        }
        offeringHash = Abi.bytes32("offeringHash", offeringHash);
    }

    /**
     * The channel key as the contract's {@code getKey} computes it: {@code keccak256(abi.encodePacked(
     * consumer, agent, uint32(openBlock), offeringHash))}. The block number is cut to its low 32 bits
     * there, and so here, or the key of a channel opened above block 2^32 would differ.
     */
    public String key() {
        ByteBuffer packed = ByteBuffer.allocate(20 + 20 + 4 + 32);
        packed.put(Numeric.hexStringToByteArray(consumer));
        packed.put(Numeric.hexStringToByteArray(agent));
        packed.putInt((int) openBlock);
        packed.put(Numeric.hexStringToByteArray(offeringHash));
        return Numeric.toHexString(Hash.sha3(packed.array()));
    }
}
