package io.tollway.application.agreement;

import io.tollway.application.account.Caller;
import io.tollway.application.channel.ChannelAgreements;
import io.tollway.infrastructure.concurrency.GroupCommit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigInteger;
import java.util.List;

/**
 * Consumers' cheques, one per request. Cheques that arrive at the same moment are taken together,
 * in one transaction of {@link Agreements#chequeAll}: one read of their agreements and one commit
 * for all of them, where one by one each paid for those alone. Each cheque is still checked,
 * taken or refused on its own, and answered only once it is committed.
 */
@ApplicationScoped
public class ChequeIntake {

    /** Cheques one group takes at most; about as many as the server has threads to send them. */
    private static final int MAX_GROUP = 100;

    @Inject
    private Agreements agreements;

    private GroupCommit<Agreements.ChequeSent, ChannelAgreements.ChequeOutcome> groups;

    @PostConstruct
    void start() {
        groups = new GroupCommit<>(MAX_GROUP, agreements::chequeAll, sent -> agreements.chequeAll(List.of(sent)).get(0));
    }

    /** The consumer's cheque for its agreement's channel, accepted; a refusal is thrown (see {@link ChannelAgreements#chequeAll}). */
    public ChannelAgreements.ChequeAccepted cheque(Caller consumer, String agreementId, BigInteger balance, String signature) {
        ChannelAgreements.ChequeOutcome outcome = groups.call(new Agreements.ChequeSent(consumer, agreementId, balance, signature));
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.accepted();
    }
}
