package io.tollway.infrastructure.persistence.jpa;

import io.tollway.domain.model.channel.AcceptedCheque;
import io.tollway.domain.model.channel.Channel;
import io.tollway.domain.model.channel.ChannelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.List;
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
    public void add(AcceptedCheque cheque) {
        em.persist(cheque);
    }

    @Override
    public List<AcceptedCheque> cheques(String agreementId, int limit) {
        return em.createQuery("select c from AcceptedCheque c where c.agreementId = :agreement order by c.balance desc",
                AcceptedCheque.class).setParameter("agreement", agreementId).setMaxResults(limit).getResultList();
    }
}
