package io.tollway.application.console;

import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementStatus;
import io.tollway.domain.model.offering.Offering;
import io.tollway.domain.model.offering.SettlementModel;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every tenant's agreements for the console, filtered and a page at a time, newest first. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AgreementSearch {

    public static final int MAX_PAGE_SIZE = 200;

    @PersistenceContext(unitName = "tollway")
    private EntityManager entityManager;

    /** One page of the list and how many there are in all. */
    public record Page(List<AgreementRow> rows, long total, int page, int pageSize) {

        public int pages() {
            return (int) Math.max(1, (total + pageSize - 1) / pageSize);
        }
    }

    public Page search(AgreementFilter filter, int page, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE);
        }
        int current = Math.max(page, 0);
        Map<String, Object> parameters = new HashMap<>();
        String where = where(filter, parameters);
        TypedQuery<Long> count = entityManager.createQuery("select count(a) from Agreement a" + where, Long.class);
        TypedQuery<Agreement> rows = entityManager.createQuery("select a from Agreement a" + where
                + " order by a.requestedAt desc, a.id", Agreement.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            rows.setParameter(name, value);
        });
        List<Agreement> found = rows.setFirstResult(current * pageSize).setMaxResults(pageSize).getResultList();
        Map<String, String> offeringNames = offeringNames(found);
        return new Page(found.stream().map(a -> row(a, offeringNames)).toList(), count.getSingleResult(), current, pageSize);
    }

    private static String where(AgreementFilter filter, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.status() != null) {
            conditions.add("a.status = :status");
            parameters.put("status", AgreementStatus.valueOf(filter.status()));
        }
        if (filter.settlementModel() != null) {
            conditions.add("a.settlementModel = :model");
            parameters.put("model", SettlementModel.valueOf(filter.settlementModel()));
        }
        if (filter.providerId() != null) {
            conditions.add("a.providerId = :provider");
            parameters.put("provider", filter.providerId());
        }
        if (filter.consumerId() != null) {
            conditions.add("a.consumerId = :consumer");
            parameters.put("consumer", filter.consumerId());
        }
        if (filter.search() != null) {
            conditions.add("(lower(a.id) like :prefix escape '\\' or lower(a.consumerAddress) like :prefix escape '\\'"
                    + " or a.onChainId = :exact or a.offeringId in (select o.id from Offering o where lower(o.name) like :anywhere escape '\\'))");
            parameters.put("prefix", filter.searchPattern(false));
            parameters.put("anywhere", filter.searchPattern(true));
            parameters.put("exact", filter.search());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private Map<String, String> offeringNames(List<Agreement> agreements) {
        List<String> ids = agreements.stream().map(Agreement::offeringId).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return entityManager.createQuery("select o from Offering o where o.id in :ids", Offering.class).setParameter("ids", ids)
                .getResultStream().collect(Collectors.toMap(Offering::id, Offering::name, (a, b) -> a));
    }

    private static AgreementRow row(Agreement a, Map<String, String> offeringNames) {
        return new AgreementRow(a.id(), a.offeringId(), offeringNames.get(a.offeringId()), a.providerId(), a.consumerId(),
                a.consumerAddress(), a.settlementModel().name(), a.status().name(),
                a.terminationCause() == null ? null : a.terminationCause().name(), a.onChainId(), a.requestedAt().toInstant());
    }

    /** The providers and consumers that have agreements, for the filters' choices. */
    public Parties parties() {
        List<String> providers = entityManager.createQuery("select distinct a.providerId from Agreement a order by a.providerId", String.class)
                .setMaxResults(500).getResultList();
        List<String> consumers = entityManager.createQuery("select distinct a.consumerId from Agreement a order by a.consumerId", String.class)
                .setMaxResults(500).getResultList();
        return new Parties(providers, consumers);
    }

    public record Parties(List<String> providers, List<String> consumers) {
    }
}
