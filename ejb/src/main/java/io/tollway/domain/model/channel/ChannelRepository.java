package io.tollway.domain.model.channel;

import io.tollway.domain.model.chain.ChannelCreated;
import java.util.List;
import java.util.Optional;

/** The agreements' channels and their accepted cheques. */
public interface ChannelRepository {

    void add(Channel channel);

    Optional<Channel> ofAgreement(String agreementId);

    /** The channel, locked for the rest of the transaction: cheques, usage and reviews of one channel take turns. */
    Optional<Channel> ofAgreementForUpdate(String agreementId);

    Optional<Channel> byKey(String channelKey);

    /**
     * The oldest channel the chain announced for this consumer and offering that no agreement has:
     * one opened while its agreement did not wait for it yet, found again when it does.
     */
    Optional<ChannelCreated> unclaimedOpening(String consumerAddress, String offeringHash);

    void add(AcceptedCheque cheque);

    /** Newest first. */
    List<AcceptedCheque> cheques(String agreementId, int limit);
}
