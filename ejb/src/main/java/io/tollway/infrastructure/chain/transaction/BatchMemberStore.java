package io.tollway.infrastructure.chain.transaction;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The SQL of {@code chain_transaction_member}. Every method works in the caller's transaction. */
final class BatchMemberStore {

    private static final String COLUMNS = "id, subject, step, signer, batch_key, description, to_address, call_data,"
            + " requested_at, transaction_id";

    /**
     * Records the member unless the same step of the same subject was asked for before; either
     * way returns the member's id.
     *
     * @throws ConflictingRequest when the step was asked for before with a different call
     */
    long request(Connection c, String subject, String step, String signer, String batchKey, ContractCall call) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into chain_transaction_member"
                + " (subject, step, signer, batch_key, description, to_address, call_data, requested_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, now()) on conflict (subject, step) do nothing returning id")) {
            s.setString(1, subject);
            s.setString(2, step);
            s.setString(3, signer);
            s.setString(4, batchKey);
            s.setString(5, call.description());
            s.setString(6, call.to());
            s.setBytes(7, call.data());
            ResultSet r = s.executeQuery();
            if (r.next()) {
                return r.getLong(1);
            }
        }
        // as for a transaction of its own: hold the first request's row until the caller commits,
        // so an outcome announced meanwhile finds the caller's wait, or the caller finds the outcome
        BatchMember first = many(c, "select " + COLUMNS + " from chain_transaction_member where subject = ? and step = ? for update",
                s -> {
                    s.setString(1, subject);
                    s.setString(2, step);
                }).get(0);
        if (!first.signer().equals(signer) || !first.call().sameAs(call)) {
            throw new ConflictingRequest(subject, step, first.signer(), first.call());
        }
        return first.id();
    }

    Optional<BatchMember> find(Connection c, long id) throws SQLException {
        List<BatchMember> found = many(c, "select " + COLUMNS + " from chain_transaction_member where id = ?", s -> s.setLong(1, id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The signer's members that wait for a batch, oldest first, locked against another sender's round. */
    List<BatchMember> waiting(Connection c, String signer, int limit) throws SQLException {
        return many(c, "select " + COLUMNS + " from chain_transaction_member where signer = ? and transaction_id is null"
                + " order by id limit ? for update skip locked", s -> {
                    s.setString(1, signer);
                    s.setInt(2, limit);
                });
    }

    void carriedBy(Connection c, Collection<Long> members, long transactionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update chain_transaction_member set transaction_id = ?"
                + " where id = any(?) and transaction_id is null")) {
            s.setLong(1, transactionId);
            s.setArray(2, c.createArrayOf("bigint", members.toArray()));
            if (s.executeUpdate() != members.size()) {
                throw new IllegalStateException("members " + members + " are not all waiting for a batch");
            }
        }
    }

    /** The members a batch transaction carries, in the order of its call. */
    List<BatchMember> of(Connection c, long transactionId) throws SQLException {
        return many(c, "select " + COLUMNS + " from chain_transaction_member where transaction_id = ? order by id",
                s -> s.setLong(1, transactionId));
    }

    /** The subjects whose calls the row carries: none unless it is a batch. */
    List<String> subjectsCarriedBy(Connection c, ChainTransaction row) throws SQLException {
        if (!row.subject().startsWith(BatchAssembler.SUBJECT_PREFIX)) {
            return List.of();
        }
        return of(c, row.id()).stream().map(BatchMember::subject).toList();
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private static List<BatchMember> many(Connection c, String sql, Parameters parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            parameters.set(s);
            ResultSet r = s.executeQuery();
            List<BatchMember> members = new ArrayList<>();
            while (r.next()) {
                long transaction = r.getLong("transaction_id");
                Long transactionId = r.wasNull() ? null : transaction;
                members.add(new BatchMember(r.getLong("id"), r.getString("subject"), r.getString("step"), r.getString("signer"),
                        r.getString("batch_key"), new ContractCall(r.getString("description"), r.getString("to_address"),
                                BigInteger.ZERO, r.getBytes("call_data"), null),
                        r.getTimestamp("requested_at").toInstant(), transactionId));
            }
            return members;
        }
    }
}
