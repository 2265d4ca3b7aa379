package io.tollway.infrastructure.persistence.jpa;

import io.tollway.domain.model.offering.Offering;
import io.tollway.domain.model.offering.OfferingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaOfferingRepository implements OfferingRepository {

    @PersistenceContext(unitName = "tollway")
    private EntityManager em;

    @Override
    public void add(Offering offering) {
        em.persist(offering);
    }

    @Override
    public Optional<Offering> find(String id) {
        return Optional.ofNullable(em.find(Offering.class, id));
    }

    @Override
    public List<Offering> page(int offset, int limit) {
        return em.createQuery("select o from Offering o order by o.submittedAt desc, o.id", Offering.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public long count() {
        return em.createQuery("select count(o) from Offering o", Long.class).getSingleResult();
    }

    @Override
    public void flush() {
        em.flush();
    }
}
