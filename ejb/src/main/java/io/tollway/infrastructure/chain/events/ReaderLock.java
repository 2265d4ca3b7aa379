package io.tollway.infrastructure.chain.events;

import io.tollway.infrastructure.persistence.jdbc.DataAccessFailed;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The right to read under one reader name in a cluster: a PostgreSQL session advisory lock, held
 * on a connection of its own for as long as this node reads. It is not taken through the
 * application's transactions because it must outlive them; and because it belongs to the session,
 * PostgreSQL releases it by itself when the holder dies or its connection is cut, so another
 * node's {@link #tryAcquire()} succeeds without anyone cleaning up. The holder's connection shows
 * in {@code pg_stat_activity} with the application name {@code tollway chain event reader <name>}.
 *
 * <p>Not thread-safe: one loop uses it.
 */
public final class ReaderLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReaderLock.class.getName());
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;
    private final String readerName;
    /** open only while the lock is held */
    private Connection connection;

    public ReaderLock(DataSource dataSource, String readerName) {
        this.dataSource = dataSource;
        this.readerName = readerName;
    }

    /**
     * Takes the lock if no other session holds it; true if this node holds it now.
     *
     * @throws DataAccessFailed if the database cannot be reached
     */
    public boolean tryAcquire() {
        if (isHeld()) {
            return true;
        }
        Connection candidate = null;
        try {
            candidate = dataSource.getConnection();
            candidate.setAutoCommit(true);
            try (PreparedStatement lock = candidate.prepareStatement(
                    "select pg_try_advisory_lock(hashtext('tollway.chain-event-reader.' || ?))")) {
                lock.setString(1, readerName);
                try (ResultSet result = lock.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        connection = candidate;
                        nameSession();
                        return true;
                    }
                }
            }
            closeQuietly(candidate);
            return false;
        } catch (SQLException e) {
            closeQuietly(candidate);
            connection = null;
            throw new DataAccessFailed(e);
        }
    }

    /** So that an operator sees in {@code pg_stat_activity} which node reads. */
    private void nameSession() throws SQLException {
        try (PreparedStatement name = connection.prepareStatement("select set_config('application_name', ?, false)")) {
            name.setString(1, "tollway chain event reader " + readerName);
            name.execute();
        }
    }

    /**
     * Whether this node still holds the lock: its session is alive. A dead session has lost the
     * lock to PostgreSQL already, so the connection is dropped and the lock must be acquired again.
     */
    public boolean isHeld() {
        if (connection == null) {
            return false;
        }
        try {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return true;
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "checking the lock connection failed", e);
        }
        closeQuietly(connection);
        connection = null;
        return false;
    }

    /** Gives the lock up (closing its session releases it even if the unlock cannot be sent). */
    public void release() {
        if (connection == null) {
            return;
        }
        try (PreparedStatement unlock = connection.prepareStatement(
                "select pg_advisory_unlock(hashtext('tollway.chain-event-reader.' || ?))")) {
            unlock.setString(1, readerName);
            unlock.execute();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "unlocking failed; closing the session releases the lock", e);
        } finally {
            closeQuietly(connection);
            connection = null;
        }
    }

    @Override
    public void close() {
        release();
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing a lock connection failed", e);
        }
    }
}
