package io.tollway.application.console;

import io.tollway.infrastructure.chain.ChainNode;
import io.tollway.infrastructure.chain.transaction.ChainTransactionState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's outbox for the console: newest first, optionally of one state, with what each
 * transaction cost and how deep it is buried; and how many there are in each state.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChainTransactionList {

    public static final int PAGE = 200;

    @PersistenceContext(unitName = "tollway")
    private EntityManager entityManager;

    @Inject
    private ChainNode node;

    /** @param state a state's name, or null for all; an unknown name is refused */
    public List<ChainTransactionRow> newest(String state) {
        if (state != null && Arrays.stream(ChainTransactionState.values()).noneMatch(s -> s.name().equals(state))) {
            throw new IllegalArgumentException("state must be one of " + Arrays.toString(ChainTransactionState.values()));
        }
        Query query = entityManager.createNativeQuery("select id, subject, step, description, state, nonce, hash, attempts,"
                + " block_number, gas_used, gas_used * effective_gas_price, revert_reason, requested_at, finished_at"
                + " from chain_transaction" + (state == null ? "" : " where state = ?1") + " order by id desc limit " + PAGE);
        if (state != null) {
            query.setParameter(1, state);
        }
        Long head = head();
        return ((List<?>) query.getResultList()).stream().map(row -> row((Object[]) row, head)).toList();
    }

    /** Every state with its count, zeros included, in the order a transaction passes through them. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Arrays.stream(ChainTransactionState.values()).forEach(s -> counts.put(s.name(), 0L));
        for (Object row : entityManager.createNativeQuery("select state, count(*) from chain_transaction group by state").getResultList()) {
            Object[] columns = (Object[]) row;
            counts.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        return counts;
    }

    private static ChainTransactionRow row(Object[] c, Long head) {
        Long block = number(c[8]);
        Long confirmations = block == null || head == null ? null : Math.max(0, head - block + 1);
        return new ChainTransactionRow(number(c[0]), (String) c[1], (String) c[2], (String) c[3], (String) c[4], number(c[5]),
                (String) c[6], ((Number) c[7]).intValue(), block, number(c[9]),
                c[10] == null ? null : ((BigDecimal) c[10]).toBigInteger().toString(), confirmations, (String) c[11],
                instant(c[12]), instant(c[13]));
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static java.time.Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return java.time.Instant.parse(value.toString());
    }

    private Long head() {
        try {
            return node.headBlock();
        } catch (Exception e) {
            return null; // the page shows confirmations as unknown
        }
    }
}
