package io.tollway.infrastructure.chain.channels;

import io.tollway.infrastructure.chain.Abi;
import io.tollway.infrastructure.chain.ContractViews;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

import static io.tollway.infrastructure.chain.ContractViews.uint;

/**
 * Reads {@code PaymentChannels} over JSON-RPC, on the latest block: no signer, no transaction.
 * The contract's address comes from Tollway's configuration, never from a request. An
 * {@link IOException} means the node could not be reached or the address holds no such contract.
 * Thread-safe.
 */
public final class ChannelReader {

    private final ContractViews views;

    public ChannelReader(Web3j web3j) {
        this.views = new ContractViews(web3j);
    }

    @SuppressWarnings("rawtypes")
    public ChannelOnChain channel(String channels, String channelKey) throws IOException {
        List<Type> v = views.call(channels, "channel", List.of(Abi.bytes32Of("channelKey", channelKey)),
                List.of(uint256(), uint256(), uint256(), uint256()));
        return new ChannelOnChain(uint(v, 0), uint(v, 1).longValueExact(), uint(v, 2), uint(v, 3).intValueExact());
    }

    @SuppressWarnings("rawtypes")
    public OfferingOnChain offering(String channels, String offeringHash) throws IOException {
        // OfferingView is a static struct: returned inline, as its six fields in a row
        List<Type> v = views.call(channels, "offering", List.of(Abi.bytes32Of("offeringHash", offeringHash)),
                List.of(new TypeReference<Address>() { }, uint256(), uint256(), uint256(), uint256(), uint256()));
        return new OfferingOnChain(v.get(0).toString().toLowerCase(), uint(v, 1), uint(v, 2).intValueExact(),
                uint(v, 3).intValueExact(), uint(v, 4).longValueExact(), uint(v, 5));
    }

    /** Seconds between the consumer's uncooperative close and the earliest settle (fixed at deployment). */
    public long challengePeriod(String channels) throws IOException {
        return uint(views.call(channels, "periods", List.of(), List.of(uint256(), uint256(), uint256())), 0).longValueExact();
    }

    /** When the consumer asked for an uncooperative close (unix seconds), or empty when it did not (or the channel is gone). */
    public OptionalLong closeRequestedAt(String channels, String channelKey) throws IOException {
        ChannelOnChain channel = channel(channels, channelKey);
        return channel.closeRequested() ? OptionalLong.of(channel.settleAfter() - challengePeriod(channels)) : OptionalLong.empty();
    }

    /** The contract's own {@code getKey}; {@link ChannelId#key()} computes the same without a call. */
    public String key(String channels, ChannelId channel) throws IOException {
        byte[] key = (byte[]) views.call(channels, "getKey", List.of(Abi.addressOf("consumer", channel.consumer()),
                        Abi.addressOf("agent", channel.agent()), new Uint256(channel.openBlock()),
                        Abi.bytes32Of("offeringHash", channel.offeringHash())),
                List.of(new TypeReference<Bytes32>() { })).get(0).getValue();
        return Numeric.toHexString(key);
    }

    /** An account's internal balance on the contract. */
    @SuppressWarnings("rawtypes")
    public InternalBalance account(String channels, String account) throws IOException {
        List<Type> v = views.call(channels, "accountOf", List.of(Abi.addressOf("account", account)),
                List.of(uint256(), uint256(), uint256()));
        return new InternalBalance(uint(v, 0), uint(v, 1), uint(v, 2));
    }

    private static TypeReference<Uint256> uint256() {
        return new TypeReference<Uint256>() { };
    }
}
