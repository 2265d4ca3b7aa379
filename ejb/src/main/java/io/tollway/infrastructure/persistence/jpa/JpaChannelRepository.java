package io.tollway.infrastructure.persistence.jpa;

import io.tollway.domain.model.channel.AcceptedCheque;
import io.tollway.domain.model.channel.Channel;
import io.tollway.domain.model.channel.ChannelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import io.tollway.domain.model.chain.ChannelCreated;
import io.tollway.domain.model.chain.EventPosition;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaChannelRepository implements ChannelRepository {

    @PersistenceContext(unitName = "tollway")
    private EntityManager em;

    @Override
    public void add(Channel channel) {
        em.persist(channel);
    }

    @Override
    public Optional<Channel> ofAgreement(String agreementId) {
        return agreementId == null ? Optional.empty() : Optional.ofNullable(em.find(Channel.class, agreementId));
    }

    @Override
    public Optional<Channel> read(String agreementId) {
        return agreementId == null ? Optional.empty()
                : Optional.ofNullable(em.find(Channel.class, agreementId, Map.of(JpaAgreementRepository.READ_ONLY, "true")));
    }

    @Override
    public Optional<Channel> ofAgreementForUpdate(String agreementId) {
        return agreementId == null ? Optional.empty()
                : Optional.ofNullable(em.find(Channel.class, agreementId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Optional<Channel> byKey(String channelKey) {
        return em.createQuery("select c from Channel c where c.channelKey = :key", Channel.class)
                .setParameter("key", channelKey == null ? null : channelKey.toLowerCase()).getResultStream().findFirst();
    }

    @Override
    public Optional<ChannelCreated> unclaimedOpening(String consumerAddress, String offeringHash) {
        // the event log keeps every announced channel; the reader handled it when nobody waited
        List<?> rows = em.createNativeQuery("select e.block_number, e.block_hash, e.log_index, e.transaction_hash,"
                        + " e.payload->>'channelKey', e.payload->>'agent', e.payload->>'consumer', e.payload->>'offeringHash',"
                        + " (e.payload->>'openBlock')::bigint, e.payload->>'deposit'"
                        + " from chain_event e where e.name = 'ChannelCreated' and e.state = 'HANDLED'"
                        + " and lower(e.payload->>'consumer') = ? and lower(e.payload->>'offeringHash') = ?"
                        + " and not exists (select 1 from agreement_channel c where lower(c.channel_key) = lower(e.payload->>'channelKey'))"
                        + " order by e.block_number, e.log_index limit 1")
                .setParameter(1, consumerAddress.toLowerCase(Locale.ROOT))
                .setParameter(2, offeringHash.toLowerCase(Locale.ROOT))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new ChannelCreated(new EventPosition(((Number) row[0]).longValue(), (String) row[1],
                ((Number) row[2]).intValue(), (String) row[3]), (String) row[4], (String) row[5], (String) row[6], (String) row[7],
                ((Number) row[8]).longValue(), new BigInteger((String) row[9])));
    }

    @Override
    public void add(AcceptedCheque cheque) {
        em.persist(cheque);
    }

    @Override
    public List<AcceptedCheque> cheques(String agreementId, int offset, int limit) {
        return em.createQuery("select c from AcceptedCheque c where c.agreementId = :agreement order by c.balance desc",
                AcceptedCheque.class).setParameter("agreement", agreementId).setFirstResult(offset).setMaxResults(limit)
                .setHint(JpaAgreementRepository.READ_ONLY, "true").getResultList();
    }

    @Override
    public long chequeCount(String agreementId) {
        return em.createQuery("select count(c) from AcceptedCheque c where c.agreementId = :agreement", Long.class)
                .setParameter("agreement", agreementId).getSingleResult();
    }
}
