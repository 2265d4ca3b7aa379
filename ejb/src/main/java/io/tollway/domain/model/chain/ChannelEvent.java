package io.tollway.domain.model.chain;

/** An event of a payment channel ({@code PaymentChannels}). */
public sealed interface ChannelEvent extends ChainEvent
        permits ChannelCreated, ChannelToppedUp, ChannelCloseRequested, ChannelClosed, ChannelSettled {

    /** The channel's key: keccak256 of consumer, agent, open block and offering hash. */
    String channelKey();

    @Override
    default String subject() {
        return channelKey();
    }
}
