package io.tollway.application.console;

import io.tollway.domain.model.agreement.AgreementStatus;
import io.tollway.infrastructure.chain.ChainEventReaderService;
import io.tollway.infrastructure.chain.ChainNode;
import io.tollway.infrastructure.chain.escrow.EscrowChain;
import io.tollway.process.engine.EngineClock;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard's figures: plain aggregate queries over Tollway's tables and two questions to the
 * node. No transaction is held while the node is asked.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DashboardFigures {

    private static final Logger LOG = Logger.getLogger(DashboardFigures.class.getName());

    @PersistenceContext(unitName = "tollway")
    private EntityManager entityManager;

    @Inject
    private ChainNode node;

    @Inject
    private EscrowChain escrow;

    @EJB
    private Incidents incidents;

    public DashboardView read() {
        List<DashboardView.StatusRow> rows = agreementsByStatus();
        long total = rows.stream().mapToLong(DashboardView.StatusRow::total).sum();
        Long head = chainHead();
        Long cursor = readerBlock();
        return new DashboardView(rows, total,
                sum("select coalesce(sum(escrow_remaining), 0) from agreement where settlement_model = 'ESCROW' and status <> 'TERMINATED'"),
                sum("select coalesce(sum(deposit), 0) from agreement_channel where state <> 'TERMINATED'"),
                sum("select (select coalesce(sum(paid), 0) from bill where state in ('PAID', 'OUT_OF_FUNDS'))"
                        + " + (select coalesce(sum(closed_balance), 0) from agreement_channel)"),
                withdrawn(), billsLastHour(), incidents.count(), head, cursor,
                head == null || cursor == null ? null : Math.max(0, head - cursor),
                count("select count(*) from chain_transaction where state in ('PREPARED', 'SUBMITTED', 'MINED', 'DROPPED')"));
    }

    private List<DashboardView.StatusRow> agreementsByStatus() {
        Map<AgreementStatus, long[]> counts = new EnumMap<>(AgreementStatus.class);
        for (AgreementStatus status : AgreementStatus.values()) {
            counts.put(status, new long[2]);
        }
        List<?> result = entityManager.createNativeQuery(
                "select status, settlement_model, count(*) from agreement group by status, settlement_model").getResultList();
        for (Object row : result) {
            Object[] columns = (Object[]) row;
            long[] perModel = counts.get(AgreementStatus.valueOf((String) columns[0]));
            perModel["ESCROW".equals(columns[1]) ? 0 : 1] += ((Number) columns[2]).longValue();
        }
        List<DashboardView.StatusRow> rows = new ArrayList<>();
        counts.forEach((status, perModel) ->
                rows.add(new DashboardView.StatusRow(status.name(), perModel[0], perModel[1], perModel[0] + perModel[1])));
        return rows;
    }

    private long billsLastHour() {
        Instant since = EngineClock.now().minus(Duration.ofHours(1));
        return ((Number) entityManager.createNativeQuery("select count(*) from bill where settled_at >= ?1")
                .setParameter(1, Timestamp.from(since)).getSingleResult()).longValue();
    }

    private Long readerBlock() {
        List<?> blocks = entityManager.createNativeQuery("select block_number from chain_event_cursor where reader = ?1")
                .setParameter(1, ChainEventReaderService.READER).getResultList();
        return blocks.isEmpty() ? null : ((Number) blocks.get(0)).longValue();
    }

    private Long chainHead() {
        try {
            return node.headBlock();
        } catch (Exception e) {
            LOG.log(Level.FINE, "no chain head for the dashboard", e);
            return null;
        }
    }

    /** Summed over the signers, which are the agents of every agreement Tollway created on the escrow. */
    private String withdrawn() {
        try {
            BigInteger total = BigInteger.ZERO;
            for (Object address : entityManager.createNativeQuery("select address from chain_signer").getResultList()) {
                total = total.add(escrow.earningsOf((String) address).withdrawn());
            }
            return total.toString();
        } catch (Exception e) {
            LOG.log(Level.FINE, "no withdrawals figure for the dashboard", e);
            return null;
        }
    }

    private String sum(String sql) {
        Object value = entityManager.createNativeQuery(sql).getSingleResult();
        return value instanceof BigDecimal decimal ? decimal.toBigInteger().toString() : String.valueOf(value);
    }

    private long count(String sql) {
        return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
