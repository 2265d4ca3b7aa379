package io.tollway.application.agreement;

import io.tollway.application.account.Caller;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.RequestKey;
import io.tollway.domain.model.agreement.RequestKeyReused;
import io.tollway.domain.model.agreement.RequestKeyTaken;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * A consumer's request for an agreement, with an optional Idempotency-Key: a client that lost the
 * answer sends the request again and gets the agreement it made, not a second one (nor a second
 * process, nor a second escrow on chain). The same key for another request is refused.
 *
 * <p>It runs without a transaction of its own: each step is one of {@link Agreements}'. Two racing
 * requests with one key both find no agreement and both try to store one; the database lets one
 * through, the other's transaction (with the process it started) rolls back, and it then looks
 * again, in a new transaction, and answers with the first one's agreement.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AgreementRequests {

    @EJB
    private Agreements agreements;

    @Inject
    private AgreementRepository repository;

    /** The agreement, and whether an earlier request under the same key had made it. */
    public record Requested(AgreementView agreement, boolean replayed) {
    }

    /** @param idempotencyKey the consumer's key for this request, or null (then every request makes an agreement) */
    public Requested request(Caller consumer, String offeringId, String consumerAddress, String consumerPublicKey, String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Requested(agreements.request(consumer, offeringId, consumerAddress, consumerPublicKey, null), false);
        }
        RequestKey key = RequestKey.of(idempotencyKey, offeringId, consumerAddress, consumerPublicKey);
        Optional<Requested> earlier = earlier(consumer, key);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return new Requested(agreements.request(consumer, offeringId, consumerAddress, consumerPublicKey, key), false);
        } catch (RequestKeyTaken raced) {
            // the other request committed before this one could: its agreement is the answer
            return earlier(consumer, key).orElseThrow(() -> raced);
        }
    }

    private Optional<Requested> earlier(Caller consumer, RequestKey key) {
        return repository.requestedWith(consumer.accountId(), key.key()).map(agreement -> {
            if (!agreement.wasRequestedAs(key)) {
                throw new RequestKeyReused(key.key(), agreement.id());
            }
            return new Requested(agreements.find(consumer, agreement.id(), false), true);
        });
    }
}
