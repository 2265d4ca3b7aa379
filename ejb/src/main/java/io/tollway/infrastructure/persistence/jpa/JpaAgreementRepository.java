package io.tollway.infrastructure.persistence.jpa;

import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.Bill;
import io.tollway.domain.model.agreement.RequestKeyTaken;
import io.tollway.domain.model.agreement.UnbilledUsage;
import io.tollway.domain.model.agreement.UsageKey;
import io.tollway.domain.model.agreement.UsageReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaAgreementRepository implements AgreementRepository {

    /** EclipseLink's hint for objects read only: shared, never copied into the transaction's working set. */
    static final String READ_ONLY = "eclipselink.read-only";

    @PersistenceContext(unitName = "tollway")
    private EntityManager em;

    @Override
    public void add(Agreement agreement) {
        em.persist(agreement);
        try {
            // now, not at commit: a request racing one with the same key fails here, before it starts a process
            em.flush();
        } catch (PersistenceException e) {
            if (violates(e, "agreement_request_key")) {
                throw new RequestKeyTaken(agreement.requestKey());
            }
            throw e;
        }
    }

    /** Whether PostgreSQL refused the write for a duplicate in this unique constraint. */
    private static boolean violates(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState()) && String.valueOf(sql.getMessage()).contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<Agreement> requestedWith(String consumerId, String requestKey) {
        return em.createQuery("select a from Agreement a where a.consumerId = :consumer and a.requestKey = :key", Agreement.class)
                .setParameter("consumer", consumerId).setParameter("key", requestKey)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Agreement> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(em.find(Agreement.class, id));
    }

    @Override
    public Optional<Agreement> read(String id) {
        // the shared cache's object itself: no working copy, nothing compared at the end
        return id == null ? Optional.empty() : Optional.ofNullable(em.find(Agreement.class, id, Map.of(READ_ONLY, "true")));
    }

    @Override
    public List<Agreement> page(String tenantId, int offset, int limit) {
        TypedQuery<Agreement> query = tenantId == null
                ? em.createQuery("select a from Agreement a order by a.requestedAt desc, a.id", Agreement.class)
                : em.createQuery("select a from Agreement a where a.consumerId = :tenant or a.providerId = :tenant"
                        + " order by a.requestedAt desc, a.id", Agreement.class).setParameter("tenant", tenantId);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public long count(String tenantId) {
        return tenantId == null
                ? em.createQuery("select count(a) from Agreement a", Long.class).getSingleResult()
                : em.createQuery("select count(a) from Agreement a where a.consumerId = :tenant or a.providerId = :tenant", Long.class)
                        .setParameter("tenant", tenantId).getSingleResult();
    }

    @Override
    public void add(Bill bill) {
        em.persist(bill);
    }

    @Override
    public Optional<Bill> bill(String agreementId, int number) {
        return em.createQuery("select b from Bill b where b.agreementId = :agreement and b.number = :number", Bill.class)
                .setParameter("agreement", agreementId).setParameter("number", number)
                .getResultStream().findFirst();
    }

    @Override
    public List<Bill> bills(String agreementId) {
        return em.createQuery("select b from Bill b where b.agreementId = :agreement order by b.number", Bill.class)
                .setParameter("agreement", agreementId).getResultList();
    }

    @Override
    public List<Bill> readBills(String agreementId, int offset, int limit) {
        return em.createQuery("select b from Bill b where b.agreementId = :agreement order by b.number desc", Bill.class)
                .setParameter("agreement", agreementId).setFirstResult(offset).setMaxResults(limit)
                .setHint(READ_ONLY, "true").getResultList();
    }

    @Override
    public BillTotals billTotals(String agreementId) {
        Object[] row = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(paid), 0) from bill where agreement_id = ?")
                .setParameter(1, agreementId).getSingleResult();
        return new BillTotals(((Number) row[0]).longValue(), new BigDecimal(row[1].toString()).toBigIntegerExact());
    }

    @Override
    public UsageReport report(UsageReport report) {
        // concurrent replays of one key: the unique constraint lets exactly one insert through
        em.createNativeQuery("insert into usage_report (agreement_id, idempotency_key, amount, reported_at)"
                        + " values (?, ?, ?, ?) on conflict (agreement_id, idempotency_key) do nothing")
                .setParameter(1, report.agreementIdValue())
                .setParameter(2, report.idempotencyKey())
                .setParameter(3, new BigDecimal(report.amount()))
                .setParameter(4, java.sql.Timestamp.from(report.reportedAt().toInstant()))
                .executeUpdate();
        return em.createQuery("select u from UsageReport u where u.agreementId = :agreement and u.idempotencyKey = :key", UsageReport.class)
                .setParameter("agreement", report.agreementIdValue()).setParameter("key", report.idempotencyKey())
                .getSingleResult();
    }

    @Override
    public Optional<UsageReport> usage(String agreementId, String idempotencyKey) {
        return em.createQuery("select u from UsageReport u where u.agreementId = :agreement and u.idempotencyKey = :key", UsageReport.class)
                .setParameter("agreement", agreementId).setParameter("key", idempotencyKey)
                .getResultStream().findFirst();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<UsageReport> usage(Collection<UsageKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery(USAGE_BY_KEYS, UsageReport.class)
                .setParameter(1, arrayOf(keys.stream().map(UsageKey::agreementId).toList()))
                .setParameter(2, arrayOf(keys.stream().map(UsageKey::idempotencyKey).toList())).getResultList();
    }

    @Override
    public int reportAll(List<UsageReport> reports) {
        if (reports.isEmpty()) {
            return 0;
        }
        Number added = (Number) em.createNativeQuery(REPORT_ALL)
                .setParameter(1, arrayOf(reports.stream().map(UsageReport::agreementIdValue).toList()))
                .setParameter(2, arrayOf(reports.stream().map(UsageReport::idempotencyKey).toList()))
                .setParameter(3, arrayOf(reports.stream().map(r -> r.amount().toString()).toList()))
                .setParameter(4, arrayOf(reports.stream()
                        .map(r -> r.reportedAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString()).toList()))
                .getSingleResult();
        return added.intValue();
    }

    /** The reports inserted and their agreements' unbilled usage raised by exactly what was inserted, in one statement. */
    static final String REPORT_ALL = "with added as (insert into usage_report (agreement_id, idempotency_key, amount, reported_at)"
            + " select * from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as numeric[]), cast(? as timestamptz[]))"
            + " on conflict (agreement_id, idempotency_key) do nothing returning agreement_id, amount),"
            + " raised as (insert into agreement_unbilled_usage (agreement_id, amount)"
            + " select agreement_id, sum(amount) from added group by agreement_id"
            + " on conflict (agreement_id) do update set amount = agreement_unbilled_usage.amount + excluded.amount)"
            + " select count(*) from added";

    @Override
    @SuppressWarnings("unchecked")
    public List<Agreement> readAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // read-only: no working copy per agreement and no comparison of each with its original at
        // the commit (a usage batch reads a hundred agreements and changes none)
        return em.createNativeQuery("select * from agreement where id in " + ANY_OF, Agreement.class)
                .setParameter(1, arrayOf(ids)).setHint(READ_ONLY, "true").getResultList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, BigInteger> lockForUsage(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // the lock only: EclipseLink's copies of the rows stay as they are, their versions still guard the writes
        em.createNativeQuery(LOCK_AGREEMENTS).setParameter(1, arrayOf(ids)).getResultList();
        List<Object[]> rows = em.createNativeQuery(UNBILLED_USAGE).setParameter(1, arrayOf(ids)).getResultList();
        Map<String, BigInteger> unbilled = new HashMap<>();
        for (Object[] row : rows) {
            BigInteger amount = new BigDecimal(row[1].toString()).toBigIntegerExact();
            if (amount.signum() != 0) {
                unbilled.put((String) row[0], amount);
            }
        }
        return unbilled;
    }

    /**
     * Reports by their keys: one probe of the unique index per key. "agreement_id = any(…) and
     * idempotency_key = any(…)" probed it with every agreement and every key (10,000 probes for a
     * batch of 100: 29 ms idle, 260 ms under the benchmark's load); a plain join of the pairs is
     * planned as a hash join over the whole table. The lateral subquery with its limit cannot be
     * flattened into a join, so each pair is looked up on its own.
     */
    static final String USAGE_BY_KEYS = "select u.* from unnest(cast(? as varchar[]), cast(? as varchar[])) as k(agreement_id, idempotency_key)"
            + " cross join lateral (select * from usage_report r where r.agreement_id = k.agreement_id"
            + " and r.idempotency_key = k.idempotency_key limit 1) u";

    /**
     * The texts as one PostgreSQL array literal, each quoted, for {@code cast(? as varchar[])}: one
     * parameter however many values. EclipseLink binds each positional parameter of a native query
     * with a search through those before it: with batches of 100 usage reports bound one by one
     * (400 parameters), about a quarter of the server's samples were in that binding.
     */
    static String arrayOf(Collection<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            literal.append(literal.length() == 1 ? "" : ",").append('"')
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    /**
     * The texts of one array parameter, read once per statement. "x = any(cast(? as varchar[]))"
     * parses the array literal again for each row the filter meets when the planner scans the
     * table instead of its index (as it does while the statistics still describe a smaller table):
     * 700 ms for 30,000 usage reports and 100 agreements, against 20 ms for this set. That was the
     * batched usage reports held up now and then in the benchmark.
     */
    static final String ANY_OF = "(select unnest(cast(? as varchar[])))";

    /** The agreements' rows locked in id order, so that two requests for the same agreements never wait for each other in a circle. */
    static final String LOCK_AGREEMENTS = "select id from agreement where id in " + ANY_OF + " order by id for update";

    /**
     * The agreements' unbilled usage, read by a statement of its own once {@link #LOCK_AGREEMENTS}
     * holds their rows. A statement sees what was committed when it began: one that joined this
     * table to the locked rows kept the amounts from before its wait for the lock, so a request
     * that waited for another's usage did not see it, and the two together passed the cap (CI,
     * 26,000 taken under a cap of at most 25,000).
     */
    static final String UNBILLED_USAGE = "select agreement_id, amount from agreement_unbilled_usage where agreement_id in " + ANY_OF;

    @Override
    @SuppressWarnings("unchecked")
    public List<UnbilledUsage> unbilledUsage(String agreementId) {
        List<Object[]> rows = em.createNativeQuery("select id, amount from usage_report where agreement_id = ? and bill_number is null"
                + " order by id").setParameter(1, agreementId).getResultList();
        return rows.stream().map(row -> new UnbilledUsage(((Number) row[0]).longValue(),
                new BigDecimal(row[1].toString()).toBigIntegerExact())).toList();
    }

    /** The reports marked as the bill's and the agreement's unbilled usage lowered by exactly their amounts, in one statement. */
    static final String CHARGE = "with charged as (update usage_report set bill_number = ? where agreement_id = ? and bill_number is null"
            + " and id = any(cast(? as bigint[])) returning amount),"
            + " lowered as (update agreement_unbilled_usage set amount = amount - (select coalesce(sum(amount), 0) from charged)"
            + " where agreement_id = ?)"
            + " select count(*) from charged";

    /**
     * One statement for the bill's reports: as entities they were an update each, about a hundred
     * per bill after the benchmark's usage. The shared cache forgets them, so no reader gets a
     * report without its bill.
     */
    @Override
    public void charge(String agreementId, int billNumber, List<Long> reportIds) {
        if (reportIds.isEmpty()) {
            return;
        }
        int charged = ((Number) em.createNativeQuery(CHARGE)
                .setParameter(1, billNumber).setParameter(2, agreementId)
                .setParameter(3, arrayOf(reportIds.stream().map(String::valueOf).toList())).setParameter(4, agreementId)
                .getSingleResult()).intValue();
        if (charged != reportIds.size()) {
            // the bill's preparation read them unbilled in this transaction; another bill took some meanwhile
            throw new OptimisticLockException("bill " + billNumber + " of agreement " + agreementId + " found " + charged + " of its "
                    + reportIds.size() + " usage reports still unbilled");
        }
        reportIds.forEach(id -> em.getEntityManagerFactory().getCache().evict(UsageReport.class, id));
    }

    @Override
    public List<Agreement> awaitingChannel(String consumerAddress) {
        // without a channel yet: the agreement itself learns its channel's key later, in its own process
        return em.createQuery("select a from Agreement a where a.consumerAddress = :consumer"
                        + " and not exists (select c from Channel c where c.agreementId = a.id)"
                        + " and a.settlementModel = :model and a.status in :waiting order by a.requestedAt, a.id", Agreement.class)
                .setParameter("consumer", consumerAddress.toLowerCase())
                .setParameter("model", io.tollway.domain.model.offering.SettlementModel.CHANNEL)
                .setParameter("waiting", List.of(io.tollway.domain.model.agreement.AgreementStatus.AWAITING_APPROVAL,
                        io.tollway.domain.model.agreement.AgreementStatus.AWAITING_DEPOSIT))
                .getResultList();
    }
}
