package io.tollway.infrastructure.chain.events;

import io.tollway.domain.model.chain.ChainEvent;
import io.tollway.domain.model.chain.ChainEventHandler;
import io.tollway.infrastructure.chain.events.ChainView.BlockHeader;
import io.tollway.infrastructure.persistence.jdbc.Transactor;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows the escrow's and the channels' events and hands each to the domain exactly once.
 *
 * <p>Its cursor is the last block whose events are handled, stored with that block's hash. Each
 * {@link #poll()} first asks the node for the block at the cursor: a different hash means a
 * reorganisation, so the reader walks back through the block hashes it kept to the newest one the
 * chain still has (the fork point), tells the domain which handled events are gone and moves the
 * cursor there, all in one transaction. Otherwise it reads the logs of the next blocks up to the
 * confirmed head (the head less the confirmations, at most {@code maxBlocksPerRead} blocks), checks
 * that the chain did not change while it read, and in one transaction moves the cursor, records the
 * events and calls the handler for each event not recorded before. The chain is asked before and
 * after the transactions, never inside them.
 *
 * <p>One caller at a time ({@link ChainEventReaderLoop}, or a test). Two readers under the same
 * name on one database cannot both commit a step: the cursor moves by compare-and-set.
 */
public final class ChainEventReader {

    private static final Logger LOG = Logger.getLogger(ChainEventReader.class.getName());

    private final Transactor transactor;
    private final ChainView chain;
    private final ReaderSettings settings;
    private final EventDecoder decoder;
    private final ChainEventHandler handler;
    private final ChainEventStore store = new ChainEventStore();
    private volatile boolean caughtUp;
    private volatile boolean nodeBehind;

    public ChainEventReader(Transactor transactor, Web3j web3j, ReaderSettings settings, ChainEventHandler handler) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.chain = new ChainView(Objects.requireNonNull(web3j, "web3j"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.decoder = new EventDecoder(settings.escrowAddress(), settings.channelsAddress());
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    public String name() {
        return settings.name();
    }

    public ReaderSettings settings() {
        return settings;
    }

    /** The last block whose events are handled, or nothing before the first read. */
    public OptionalLong lastHandledBlock() {
        return transactor.inNewTransaction(connection -> store.cursor(connection, name()))
                .map(cursor -> OptionalLong.of(cursor.blockNumber())).orElse(OptionalLong.empty());
    }

    /** Whether the last poll reached the confirmed head; if not, polling again at once makes sense. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * One step: a reorganisation dealt with, or the next blocks read.
     *
     * @return the number of events handed to the handler (orphaned ones not counted)
     * @throws ChainNodeUnavailable if the node cannot be asked
     * @throws CursorMoved          if another reader under this name moved the cursor
     * @throws RuntimeException     whatever the handler or the database threw; nothing was committed
     */
    public int poll() {
        Optional<Cursor> cursor = transactor.inNewTransaction(connection -> store.cursor(connection, name()));
        if (cursor.isPresent()) {
            Optional<BlockHeader> atCursor = chain.block(cursor.get().blockNumber());
            if (atCursor.isEmpty()) {
                waitForNode(cursor.get());
                return 0;
            }
            nodeBehind = false;
            if (!atCursor.get().hash().equals(cursor.get().blockHash())) {
                caughtUp = false;
                rewindFrom(cursor.get());
                return 0;
            }
        }
        long from = cursor.map(c -> c.blockNumber() + 1).orElse(settings.startBlock());
        long confirmedHead = chain.head() - settings.confirmations();
        long to = Math.min(confirmedHead, from + settings.maxBlocksPerRead() - 1);
        if (to < from) {
            caughtUp = true;
            return 0;
        }
        Optional<Batch> batch = read(cursor, from, to);
        if (batch.isEmpty()) {
            caughtUp = false;
            return 0;
        }
        int handled = transactor.inNewTransaction(connection -> commit(connection, cursor, batch.get()));
        caughtUp = to >= confirmedHead;
        if (handled > 0) {
            LOG.fine(() -> "chain event reader '" + name() + "' handled " + handled + " events in blocks " + from + ".." + to);
        }
        return handled;
    }

    /**
     * The node's chain ends below the cursor: a node that lags behind (a fresh one, or one of
     * several behind a load balancer), or a chain cut back that has not grown again yet. Taking
     * it for a reorganisation would orphan events that are still on the chain; a replaced block
     * shows as such once the chain reaches the cursor again.
     */
    private void waitForNode(Cursor cursor) {
        caughtUp = true;
        if (!nodeBehind) {
            nodeBehind = true;
            LOG.info(() -> "chain event reader '" + name() + "': the node's chain ends below " + cursor
                    + "; waiting for it to get there");
        }
    }

    /** An event with the log it was decoded from: the log is stored so that the event can be decoded again. */
    private record Read(ChainEvent event, Log log) {
    }

    /** The events of blocks {@code from..to} and the hashes of the blocks that were fetched, up to the last one. */
    private record Batch(List<Read> events, Map<Long, BlockHeader> blocks, BlockHeader last) {
    }

    /** The events of blocks {@code from..to}; nothing if the chain changed while they were read. */
    private Optional<Batch> read(Optional<Cursor> cursor, long from, long to) {
        Optional<BlockHeader> lastBefore = chain.block(to);
        List<Log> logs = chain.logs(from, to, decoder.addresses(), decoder.eventTopics());
        Map<Long, BlockHeader> blocks = new TreeMap<>();
        List<Long> wanted = new ArrayList<>(List.of(from, to));
        logs.forEach(log -> wanted.add(log.getBlockNumber().longValueExact()));
        for (long number : wanted) {
            if (!blocks.containsKey(number)) {
                Optional<BlockHeader> block = chain.block(number);
                if (block.isEmpty()) {
                    return chainMoved(from, to, "block " + number + " is gone");
                }
                blocks.put(number, block.get());
            }
        }
        BlockHeader last = blocks.get(to);
        if (lastBefore.isEmpty() || !lastBefore.get().hash().equals(last.hash())) {
            return chainMoved(from, to, "block " + to + " was replaced during the read");
        }
        if (cursor.isPresent() && !blocks.get(from).parentHash().equals(cursor.get().blockHash())) {
            return chainMoved(from, to, "block " + from + " no longer follows " + cursor.get());
        }
        List<Read> events = new ArrayList<>();
        for (Log log : logs) {
            String inBlock = blocks.get(log.getBlockNumber().longValueExact()).hash();
            if (!inBlock.equalsIgnoreCase(log.getBlockHash())) {
                return chainMoved(from, to, "a log names block " + log.getBlockHash() + " where the chain has " + inBlock);
            }
            decoder.decode(log).ifPresent(event -> events.add(new Read(event, log)));
        }
        return Optional.of(new Batch(events, blocks, last));
    }

    private Optional<Batch> chainMoved(long from, long to, String why) {
        LOG.info(() -> "chain event reader '" + name() + "': the chain changed while blocks " + from + ".." + to
                + " were read (" + why + "); reading them again");
        return Optional.empty();
    }

    private int commit(Connection connection, Optional<Cursor> cursor, Batch batch) throws SQLException {
        store.moveCursor(connection, name(), cursor, Optional.of(new Cursor(batch.last().number(), batch.last().hash())));
        int handled = 0;
        for (Read read : batch.events()) {
            if (store.recordHandled(connection, name(), read.event(), read.log())) {
                handler.handle(read.event());
                handled++;
            }
        }
        store.rememberBlocks(connection, name(), batch.blocks().values());
        return handled;
    }

    private boolean onChain(Cursor block) {
        return chain.block(block.blockNumber()).map(header -> header.hash().equals(block.blockHash())).orElse(false);
    }

    /**
     * The block at the cursor was replaced. The fork point is the newest kept block the chain still
     * has; everything handled above it is orphaned and read again. With no kept block left on the
     * chain (a reorganisation deeper than {@value ChainEventStore#KEPT_BLOCKS} kept blocks, or a
     * chain reset) the reader starts again at its start block.
     */
    private void rewindFrom(Cursor replaced) {
        List<Cursor> kept = transactor.inNewTransaction(connection -> store.recentBlocks(connection, name(), replaced.blockNumber()));
        Optional<Cursor> forkPoint = kept.stream().filter(this::onChain).findFirst();
        long keptUpTo = forkPoint.map(Cursor::blockNumber).orElse(settings.startBlock() - 1);
        int orphaned = transactor.inNewTransaction(connection -> {
            store.moveCursor(connection, name(), Optional.of(replaced), forkPoint);
            List<Log> logs = store.orphanAbove(connection, name(), keptUpTo);
            store.forgetBlocksAbove(connection, name(), keptUpTo);
            for (Log log : logs) {
                handler.orphaned(decoder.decode(log).orElseThrow(() -> new IllegalStateException(
                        "the event handled from " + log.getAddress() + " in block " + log.getBlockHash()
                                + " cannot be decoded by this reader, which follows " + decoder.addresses())));
            }
            return logs.size();
        });
        String from = forkPoint.isPresent() ? "block " + (keptUpTo + 1) : "start block " + settings.startBlock()
                + " (no kept block is on the chain any more)";
        LOG.log(orphaned > 0 ? Level.WARNING : Level.INFO, () -> "chain event reader '" + name() + "': reorganisation at block "
                + replaced.blockNumber() + " (" + replaced.blockHash() + " is no longer on the chain): " + orphaned
                + (orphaned == 1 ? " event" : " events") + " orphaned, reading again from " + from);
    }
}
