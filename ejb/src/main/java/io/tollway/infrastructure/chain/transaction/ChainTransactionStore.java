package io.tollway.infrastructure.chain.transaction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SQL of the outbox ({@code chain_transaction}, its attempts and the signers' nonce
 * sequences). Every method works in the caller's transaction on the given connection.
 */
public final class ChainTransactionStore {

    private static final String COLUMNS = "t.id, t.subject, t.step, t.signer, t.description, t.to_address, t.value, t.call_data,"
            + " t.gas_limit, t.state, t.nonce, t.max_fee_per_gas, t.max_priority_fee_per_gas, t.raw_transaction, t.hash,"
            + " t.attempts, t.block_number, t.block_hash, t.gas_used, t.revert_reason, t.last_error, t.requested_at,"
            + " t.submitted_at, t.finished_at, t.announced_at,"
            + " array(select a.hash from chain_transaction_attempt a where a.transaction_id = t.id order by a.signed_at) as attempt_hashes";

    // --- signers and nonces

    /** The signer's stored address, if the signer is known. */
    public Optional<String> signerAddress(Connection c, String signer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select address from chain_signer where name = ?")) {
            s.setString(1, signer);
            ResultSet r = s.executeQuery();
            return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        }
    }

    public void addSigner(Connection c, String signer, String address, long nextNonce) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into chain_signer (name, address, next_nonce) values (?, ?, ?)")) {
            s.setString(1, signer);
            s.setString(2, address);
            s.setLong(3, nextNonce);
            s.executeUpdate();
        }
    }

    /** The next nonce of the signer, locking its sequence until the transaction ends. */
    public long lockNextNonce(Connection c, String signer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select next_nonce from chain_signer where name = ? for update")) {
            s.setString(1, signer);
            ResultSet r = s.executeQuery();
            if (!r.next()) {
                throw new IllegalStateException("unknown signer " + signer);
            }
            return r.getLong(1);
        }
    }

    public void setNextNonce(Connection c, String signer, long nextNonce) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update chain_signer set next_nonce = ? where name = ?")) {
            s.setLong(1, nextNonce);
            s.setString(2, signer);
            s.executeUpdate();
        }
    }

    // --- requests

    /**
     * Records the request unless the same step of the same subject was asked for before; either
     * way returns the id of the step's transaction.
     *
     * @throws ConflictingRequest when the step was asked for before with a different call
     */
    public long request(Connection c, String subject, String step, String signer, ContractCall call) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into chain_transaction"
                + " (subject, step, signer, description, to_address, value, call_data, gas_limit, state, requested_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, 'PREPARED', now()) on conflict (subject, step) do nothing returning id")) {
            s.setString(1, subject);
            s.setString(2, step);
            s.setString(3, signer);
            s.setString(4, call.description());
            s.setString(5, call.to());
            s.setBigDecimal(6, new BigDecimal(call.value()));
            s.setBytes(7, call.data());
            setLong(s, 8, call.gasLimit());
            ResultSet r = s.executeQuery();
            if (r.next()) {
                return r.getLong(1);
            }
        }
        // lock the first request's row until the caller commits: a tracker about to announce its
        // outcome waits for the caller's wait to exist, or the caller sees the outcome already there
        try (PreparedStatement s = c.prepareStatement("select id from chain_transaction where subject = ? and step = ? for update")) {
            s.setString(1, subject);
            s.setString(2, step);
            s.executeQuery();
        }
        ChainTransaction first = findByStep(c, subject, step).orElseThrow();
        if (!first.signer().equals(signer) || !first.call().sameAs(call)) {
            throw new ConflictingRequest(first);
        }
        return first.id();
    }

    /** A nonce-gap filler: a zero-value transfer to oneself that takes the nonce nothing else will. */
    public long requestGapFiller(Connection c, String signer, String address, long nonce) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into chain_transaction"
                + " (subject, step, signer, description, to_address, value, call_data, gas_limit, state, nonce, requested_at)"
                + " values (?, ?, ?, 'nonce gap filler', ?, 0, ''::bytea, 21000, 'PREPARED', ?, now()) returning id")) {
            s.setString(1, "signer:" + signer);
            s.setString(2, "nonce-" + nonce + "-" + System.nanoTime());
            s.setString(3, signer);
            s.setString(4, address);
            s.setLong(5, nonce);
            ResultSet r = s.executeQuery();
            r.next();
            return r.getLong(1);
        }
    }

    // --- reading

    public Optional<ChainTransaction> find(Connection c, long id) throws SQLException {
        return one(c, "select " + COLUMNS + " from chain_transaction t where t.id = ?", s -> s.setLong(1, id));
    }

    public Optional<ChainTransaction> findByStep(Connection c, String subject, String step) throws SQLException {
        return one(c, "select " + COLUMNS + " from chain_transaction t where t.subject = ? and t.step = ?", s -> {
            s.setString(1, subject);
            s.setString(2, step);
        });
    }

    /** Rows to sign: dropped ones first (their nonce is waited for), then new ones in request order. Locked. */
    public List<ChainTransaction> toSign(Connection c, String signer, int limit) throws SQLException {
        return many(c, "select " + COLUMNS + " from chain_transaction t where t.signer = ?"
                + " and ((t.state = 'PREPARED' and t.raw_transaction is null) or t.state = 'DROPPED')"
                + " order by t.nonce nulls last, t.id limit ? for update skip locked", s -> {
            s.setString(1, signer);
            s.setInt(2, limit);
        });
    }

    /** New rows that did not bring a gas limit: their gas is estimated before they are signed. */
    public List<ChainTransaction> toEstimate(Connection c, String signer, int limit) throws SQLException {
        return many(c, "select " + COLUMNS + " from chain_transaction t where t.signer = ? and t.state = 'PREPARED'"
                + " and t.raw_transaction is null and t.nonce is null and t.gas_limit is null order by t.id limit ?", s -> {
            s.setString(1, signer);
            s.setInt(2, limit);
        });
    }

    /** Signed rows not yet accepted by the node, in nonce order: the order they must be sent in. */
    public List<ChainTransaction> toSend(Connection c, String signer, int limit) throws SQLException {
        return many(c, "select " + COLUMNS + " from chain_transaction t where t.signer = ?"
                + " and t.state = 'PREPARED' and t.raw_transaction is not null order by t.nonce limit ?", s -> {
            s.setString(1, signer);
            s.setInt(2, limit);
        });
    }

    /** Rows sent and not yet final, oldest first. */
    public List<ChainTransaction> inFlight(Connection c, int limit) throws SQLException {
        return many(c, "select " + COLUMNS + " from chain_transaction t where t.state in ('SUBMITTED', 'MINED')"
                + " order by t.signer, t.nonce limit ?", s -> s.setInt(1, limit));
    }

    /** The signer's unfinished rows holding a nonce in [from, to), by nonce. */
    public Map<Long, ChainTransaction> byNonce(Connection c, String signer, long from, long to) throws SQLException {
        Map<Long, ChainTransaction> rows = new TreeMap<>();
        for (ChainTransaction t : many(c, "select " + COLUMNS + " from chain_transaction t where t.signer = ?"
                + " and t.nonce >= ? and t.nonce < ?", s -> {
            s.setString(1, signer);
            s.setLong(2, from);
            s.setLong(3, to);
        })) {
            rows.put(t.nonce(), t);
        }
        return rows;
    }

    /** Whether the signer has sent transactions that are not final yet (a later estimate may depend on them). */
    public boolean hasUnfinishedBefore(Connection c, String signer, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from chain_transaction where signer = ? and id < ?"
                + " and state in ('SUBMITTED', 'MINED', 'DROPPED') limit 1")) {
            s.setString(1, signer);
            s.setLong(2, id);
            return s.executeQuery().next();
        }
    }

    /**
     * The newest rows, optionally of one state and one subject, newest first, from {@code offset}.
     * A subject's rows include the batches that carry its calls, under the subject and step of the call.
     */
    public List<ChainTransaction> newest(Connection c, ChainTransactionState state, String subject, int offset, int limit)
            throws SQLException {
        String stateName = state == null ? null : state.name();
        if (subject == null) {
            return many(c, "select " + COLUMNS + " from chain_transaction t where (cast(? as varchar) is null or t.state = ?)"
                    + " order by t.id desc offset ? limit ?", s -> {
                        s.setString(1, stateName);
                        s.setString(2, stateName);
                        s.setInt(3, offset);
                        s.setInt(4, limit);
                    });
        }
        return many(c, "(select " + COLUMNS + " from chain_transaction t where (cast(? as varchar) is null or t.state = ?)"
                + " and t.subject = ?) union all (select " + COLUMNS.replace("t.subject, t.step,", "m.subject, m.step,")
                + " from chain_transaction t join chain_transaction_member m on m.transaction_id = t.id"
                + " where (cast(? as varchar) is null or t.state = ?) and m.subject = ?) order by id desc offset ? limit ?", s -> {
                    s.setString(1, stateName);
                    s.setString(2, stateName);
                    s.setString(3, subject);
                    s.setString(4, stateName);
                    s.setString(5, stateName);
                    s.setString(6, subject);
                    s.setInt(7, offset);
                    s.setInt(8, limit);
                });
    }

    /** How many rows {@link #newest} has for the subject in all states. */
    public long countOfSubject(Connection c, String subject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select (select count(*) from chain_transaction where subject = ?)"
                + " + (select count(*) from chain_transaction_member where subject = ? and transaction_id is not null)")) {
            s.setString(1, subject);
            s.setString(2, subject);
            ResultSet r = s.executeQuery();
            r.next();
            return r.getLong(1);
        }
    }

    public Map<ChainTransactionState, Long> countByState(Connection c) throws SQLException {
        Map<ChainTransactionState, Long> counts = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("select state, count(*) from chain_transaction group by state")) {
            ResultSet r = s.executeQuery();
            while (r.next()) {
                counts.put(ChainTransactionState.valueOf(r.getString(1)), r.getLong(2));
            }
        }
        return counts;
    }

    // --- state changes

    /** Stores a signed version (a new attempt) and leaves the row PREPARED, ready to send. */
    public void signed(Connection c, long id, long nonce, long gasLimit, Fees fees, byte[] raw, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update chain_transaction set state = 'PREPARED', nonce = ?, gas_limit = ?,"
                + " max_fee_per_gas = ?, max_priority_fee_per_gas = ?, raw_transaction = ?, hash = ?, attempts = attempts + 1,"
                + " last_error = null where id = ?")) {
            s.setLong(1, nonce);
            s.setLong(2, gasLimit);
            s.setBigDecimal(3, new BigDecimal(fees.maxFeePerGas()));
            s.setBigDecimal(4, new BigDecimal(fees.maxPriorityFeePerGas()));
            s.setBytes(5, raw);
            s.setString(6, hash);
            s.setLong(7, id);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into chain_transaction_attempt"
                + " (hash, transaction_id, nonce, max_fee_per_gas, max_priority_fee_per_gas, signed_at) values (?, ?, ?, ?, ?, now())"
                + " on conflict (hash) do nothing")) {
            s.setString(1, hash);
            s.setLong(2, id);
            s.setLong(3, nonce);
            s.setBigDecimal(4, new BigDecimal(fees.maxFeePerGas()));
            s.setBigDecimal(5, new BigDecimal(fees.maxPriorityFeePerGas()));
            s.executeUpdate();
        }
    }

    public void submitted(Connection c, Collection<Long> ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update chain_transaction set state = 'SUBMITTED', submitted_at = now(),"
                + " last_error = null where id = any(?) and state = 'PREPARED'")) {
            s.setArray(1, ids(c, ids));
            s.executeUpdate();
        }
    }

    public void mined(Connection c, long id, String hash, long blockNumber, String blockHash, long gasUsed,
                      BigInteger effectiveGasPrice, String revertReason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update chain_transaction set state = 'MINED', hash = ?, block_number = ?,"
                + " block_hash = ?, gas_used = ?, effective_gas_price = ?, revert_reason = ?, mined_at = now() where id = ?")) {
            s.setString(1, hash);
            s.setLong(2, blockNumber);
            s.setString(3, blockHash);
            s.setLong(4, gasUsed);
            s.setBigDecimal(5, effectiveGasPrice == null ? null : new BigDecimal(effectiveGasPrice));
            s.setString(6, revertReason);
            s.setLong(7, id);
            s.executeUpdate();
        }
    }

    /** The block that held the transaction is no longer on the chain: look for its receipt again. */
    public void unmined(Connection c, long id) throws SQLException {
        update(c, "update chain_transaction set state = 'SUBMITTED', block_number = null, block_hash = null, gas_used = null,"
                + " effective_gas_price = null, revert_reason = null, mined_at = null where id = ?", id, null);
    }

    public void dropped(Connection c, long id, String why) throws SQLException {
        update(c, "update chain_transaction set state = 'DROPPED', last_error = ? where id = ?", id, why);
    }

    /** Another transaction took the nonce: sign the call again under a new one. */
    public void requeued(Connection c, long id, String why) throws SQLException {
        update(c, "update chain_transaction set state = 'PREPARED', nonce = null, raw_transaction = null, hash = null,"
                + " submitted_at = null, last_error = ? where id = ?", id, why);
    }

    /** The node forgot a transaction it had accepted: send the same signed bytes again. */
    public void resend(Connection c, long id, String why) throws SQLException {
        update(c, "update chain_transaction set state = 'PREPARED', last_error = ? where id = ?", id, why);
    }

    public void failedAttempt(Connection c, long id, String error) throws SQLException {
        update(c, "update chain_transaction set last_error = ? where id = ?", id, error);
    }

    /** Records the final state; the announcement happens in the same transaction. */
    public void finished(Connection c, long id, ChainTransactionState state, String revertReason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update chain_transaction set state = ?, revert_reason = coalesce(?, revert_reason),"
                + " finished_at = now(), announced_at = now() where id = ? and state not in ('CONFIRMED', 'REVERTED')")) {
            s.setString(1, state.name());
            s.setString(2, revertReason);
            s.setLong(3, id);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("chain transaction " + id + " is already final");
            }
        }
    }

    // --- helpers

    /** Runs an update whose parameters are a text (when given) and then the row id. */
    private static void update(Connection c, String sql, long id, String text) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int index = 1;
            if (sql.chars().filter(ch -> ch == '?').count() == 2) {
                s.setString(index++, text);
            }
            s.setLong(index, id);
            s.executeUpdate();
        }
    }

    private static Array ids(Connection c, Collection<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.toArray());
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private static Optional<ChainTransaction> one(Connection c, String sql, Parameters parameters) throws SQLException {
        List<ChainTransaction> rows = many(c, sql, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<ChainTransaction> many(Connection c, String sql, Parameters parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            parameters.set(s);
            ResultSet r = s.executeQuery();
            List<ChainTransaction> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(read(r));
            }
            return rows;
        }
    }

    private static ChainTransaction read(ResultSet r) throws SQLException {
        ContractCall call = new ContractCall(r.getString("description"), r.getString("to_address"),
                r.getBigDecimal("value").toBigIntegerExact(), r.getBytes("call_data"), nullableLong(r, "gas_limit"));
        String[] hashes = (String[]) r.getArray("attempt_hashes").getArray();
        return new ChainTransaction(r.getLong("id"), r.getString("subject"), r.getString("step"), r.getString("signer"), call,
                ChainTransactionState.valueOf(r.getString("state")), nullableLong(r, "nonce"),
                bigInteger(r, "max_fee_per_gas"), bigInteger(r, "max_priority_fee_per_gas"), r.getBytes("raw_transaction"),
                r.getString("hash"), r.getInt("attempts"), nullableLong(r, "block_number"), r.getString("block_hash"),
                nullableLong(r, "gas_used"), r.getString("revert_reason"), r.getString("last_error"),
                instant(r, "requested_at"), instant(r, "submitted_at"), instant(r, "finished_at"), instant(r, "announced_at"),
                List.copyOf(Arrays.asList(hashes)));
    }

    private static Long nullableLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    private static BigInteger bigInteger(ResultSet r, String column) throws SQLException {
        BigDecimal value = r.getBigDecimal(column);
        return value == null ? null : value.toBigIntegerExact();
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp value = r.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
