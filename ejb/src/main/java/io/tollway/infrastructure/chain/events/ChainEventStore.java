package io.tollway.infrastructure.chain.events;

import io.tollway.domain.model.chain.ChainEvent;
import io.tollway.infrastructure.chain.events.ChainView.BlockHeader;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reader's tables ({@code V4__chain_event.sql}): cursors, recent block hashes and handled
 * events. Every method works in the caller's transaction.
 */
final class ChainEventStore {

    /** Block hashes kept per reader: how deep a reorganisation can be and still find its fork point. */
    static final int KEPT_BLOCKS = 256;

    Optional<Cursor> cursor(Connection connection, String reader) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select block_number, block_hash from chain_event_cursor where reader = ?")) {
            select.setString(1, reader);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Cursor(row.getLong(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * Moves the cursor from where this reader found it to {@code to} (none: back before the start
     * block). A compare-and-set: if another reader moved it meanwhile nothing changes and {@link
     * CursorMoved} rolls the transaction back. Doing it first in the transaction also makes a
     * second reader under the same name wait for the first one's commit instead of racing it.
     */
    void moveCursor(Connection connection, String reader, Optional<Cursor> from, Optional<Cursor> to) throws SQLException {
        int changed;
        if (from.isEmpty() && to.isEmpty()) {
            return;
        } else if (from.isEmpty()) {
            changed = update(connection, """
                    insert into chain_event_cursor (reader, block_number, block_hash, updated_at)
                    values (?, ?, ?, now()) on conflict (reader) do nothing""",
                    reader, to.get().blockNumber(), to.get().blockHash());
        } else if (to.isEmpty()) {
            changed = update(connection, "delete from chain_event_cursor where reader = ? and block_number = ? and block_hash = ?",
                    reader, from.get().blockNumber(), from.get().blockHash());
        } else {
            changed = update(connection, """
                    update chain_event_cursor set block_number = ?, block_hash = ?, updated_at = now()
                    where reader = ? and block_number = ? and block_hash = ?""",
                    to.get().blockNumber(), to.get().blockHash(), reader, from.get().blockNumber(), from.get().blockHash());
        }
        if (changed != 1) {
            throw new CursorMoved(reader, from.map(Object::toString).orElse("its start"));
        }
    }

    /**
     * Records {@code event} as handled by {@code reader}; true if the domain must be told, false if
     * it was told before. An orphaned row of the same block comes back to life: its block is on
     * the chain again, so the domain, which undid it, must hear of it again.
     */
    boolean recordHandled(Connection connection, String reader, ChainEvent event, Log log) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into chain_event (reader, contract, name, block_number, block_hash, log_index, transaction_hash,
                                         subject, payload, log_topics, log_data, state, handled_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, 'HANDLED', now())
                on conflict (block_hash, log_index) do update set state = 'HANDLED', handled_at = now(), orphaned_at = null
                    where chain_event.state = 'ORPHANED' and chain_event.reader = excluded.reader
                returning id""")) {
            upsert.setString(1, reader);
            upsert.setString(2, log.getAddress().toLowerCase(Locale.ROOT));
            upsert.setString(3, event.getClass().getSimpleName());
            upsert.setLong(4, event.position().blockNumber());
            upsert.setString(5, event.position().blockHash());
            upsert.setInt(6, event.position().logIndex());
            upsert.setString(7, event.position().transactionHash());
            upsert.setString(8, event.subject());
            upsert.setString(9, EventPayload.json(event));
            upsert.setArray(10, connection.createArrayOf("text", log.getTopics().toArray()));
            upsert.setString(11, log.getData());
            try (ResultSet inserted = upsert.executeQuery()) {
                return inserted.next();
            }
        }
    }

    /**
     * Marks the events {@code reader} handled in blocks above {@code blockNumber} as orphaned and
     * returns their logs, newest first: the order in which their effects are undone.
     */
    List<Log> orphanAbove(Connection connection, String reader, long blockNumber) throws SQLException {
        List<Log> orphaned = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement("""
                update chain_event set state = 'ORPHANED', orphaned_at = now()
                where reader = ? and block_number > ? and state = 'HANDLED'
                returning contract, block_number, block_hash, log_index, transaction_hash, log_topics, log_data""")) {
            update.setString(1, reader);
            update.setLong(2, blockNumber);
            try (ResultSet row = update.executeQuery()) {
                while (row.next()) {
                    orphaned.add(log(row));
                }
            }
        }
        orphaned.sort(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex).reversed());
        return orphaned;
    }

    private static Log log(ResultSet row) throws SQLException {
        Log log = new Log();
        log.setAddress(row.getString("contract"));
        log.setBlockNumber(Numeric.encodeQuantity(BigInteger.valueOf(row.getLong("block_number"))));
        log.setBlockHash(row.getString("block_hash"));
        log.setLogIndex(Numeric.encodeQuantity(BigInteger.valueOf(row.getInt("log_index"))));
        log.setTransactionHash(row.getString("transaction_hash"));
        Array topics = row.getArray("log_topics");
        log.setTopics(Arrays.asList((String[]) topics.getArray()));
        log.setData(row.getString("log_data"));
        return log;
    }

    /** Remembers the hashes of blocks just read and forgets all but the newest {@value #KEPT_BLOCKS}. */
    void rememberBlocks(Connection connection, String reader, Collection<BlockHeader> blocks) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into chain_block (reader, number, hash) values (?, ?, ?)
                on conflict (reader, number) do update set hash = excluded.hash""")) {
            for (BlockHeader block : blocks) {
                upsert.setString(1, reader);
                upsert.setLong(2, block.number());
                upsert.setString(3, block.hash());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        update(connection, """
                delete from chain_block where reader = ? and number <
                    (select number from chain_block where reader = ? order by number desc offset ? limit 1)""",
                reader, reader, KEPT_BLOCKS - 1);
    }

    /** The kept block hashes at or below {@code blockNumber}, newest first: candidates for the fork point. */
    List<Cursor> recentBlocks(Connection connection, String reader, long blockNumber) throws SQLException {
        List<Cursor> blocks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select number, hash from chain_block where reader = ? and number <= ? order by number desc")) {
            select.setString(1, reader);
            select.setLong(2, blockNumber);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    blocks.add(new Cursor(row.getLong(1), row.getString(2)));
                }
            }
        }
        return blocks;
    }

    void forgetBlocksAbove(Connection connection, String reader, long blockNumber) throws SQLException {
        update(connection, "delete from chain_block where reader = ? and number > ?", reader, blockNumber);
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
