package io.tollway.domain.model.channel;

import io.tollway.domain.model.chain.ChannelCreated;
import java.util.List;
import java.util.Optional;

/** The agreements' channels and their accepted cheques. */
public interface ChannelRepository {

    void add(Channel channel);

    Optional<Channel> ofAgreement(String agreementId);

    /**
     * The agreement's channel as last committed, to read only: shared with other readers, so a change
     * to it is not saved and must not be made. For views.
     */
    Optional<Channel> read(String agreementId);

    /** The channel, locked for the rest of the transaction: cheques, usage and reviews of one channel take turns. */
    Optional<Channel> ofAgreementForUpdate(String agreementId);

    Optional<Channel> byKey(String channelKey);

    /**
     * The oldest channel the chain announced for this consumer and offering that no agreement has:
     * one opened while its agreement did not wait for it yet, found again when it does.
     */
    Optional<ChannelCreated> unclaimedOpening(String consumerAddress, String offeringHash);

    void add(AcceptedCheque cheque);

    /** A page of the agreement's cheques, newest (highest) first, to read only (accepted cheques never change). */
    List<AcceptedCheque> cheques(String agreementId, int offset, int limit);

    long chequeCount(String agreementId);
}
