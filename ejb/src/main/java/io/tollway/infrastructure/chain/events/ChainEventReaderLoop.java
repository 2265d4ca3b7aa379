package io.tollway.infrastructure.chain.events;

import io.tollway.infrastructure.persistence.jdbc.TransactionRolledBack;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one {@link ChainEventReader} reading on one node of the cluster: on a thread of its own it
 * polls while it holds the reader's {@link ReaderLock}, stands by (trying the lock every poll
 * interval) while another node holds it, and takes over when that node's session ends. It polls
 * again at once while the reader is behind, and waits the poll interval once it has caught up.
 *
 * <p>It never gives up: a failed step (node or database down, a handler's exception) is logged
 * once per outage with its cause and tried again after a back-off that doubles up to the maximum;
 * the first step that succeeds again ends the outage. {@link #close()} stops the thread and
 * releases the lock.
 */
public final class ChainEventReaderLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChainEventReaderLoop.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ChainEventReader reader;
    private final ReaderLock lock;
    private final ThreadFactory threads;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean reading;
    private Thread thread;
    /** when the current outage began, or null while steps succeed; only the loop's thread uses it */
    private Instant outageSince;

    public ChainEventReaderLoop(ChainEventReader reader, ReaderLock lock, ThreadFactory threads,
                                Duration pollInterval, Duration maxBackoff) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.threads = Objects.requireNonNull(threads, "threads");
        if (pollInterval.isNegative() || pollInterval.isZero() || maxBackoff.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("need 0 < pollInterval <= maxBackoff, were " + pollInterval + " and " + maxBackoff);
        }
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("chain event reader loop '" + reader.name() + "' already started");
        }
        thread = threads.newThread(this::run);
        thread.start();
    }

    /** Whether this node holds the lock and reads (as of the loop's last check). */
    public boolean isReading() {
        return reading;
    }

    private void run() {
        Duration backoff = pollInterval;
        try {
            while (stop.getCount() > 0) {
                Duration pause;
                try {
                    pause = step();
                    endOutage();
                    backoff = pollInterval;
                } catch (RuntimeException e) {
                    reportOutage(e, backoff);
                    pause = backoff;
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
                if (!pause.isZero() && stop.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reading = false;
            lock.release();
            LOG.info(() -> "chain event reader '" + reader.name() + "' stopped");
        }
    }

    /** One poll if this node may read; how long to wait before the next step. */
    private Duration step() {
        if (!holdsLock()) {
            return pollInterval;
        }
        reader.poll();
        return reader.caughtUp() ? pollInterval : Duration.ZERO;
    }

    private boolean holdsLock() {
        if (lock.isHeld()) {
            return true;
        }
        if (reading) {
            reading = false;
            LOG.warning(() -> "chain event reader '" + reader.name() + "' lost its database lock (its session ended);"
                    + " standing by until it can take over again");
        }
        if (!lock.tryAcquire()) {
            return false;
        }
        reading = true;
        var at = reader.lastHandledBlock();
        LOG.info(() -> "chain event reader '" + reader.name() + "' took over "
                + (at.isPresent() ? "at block " + at.getAsLong()
                : "with no cursor yet, starting at block " + reader.settings().startBlock()));
        return true;
    }

    private void reportOutage(RuntimeException cause, Duration backoff) {
        if (outageSince == null) {
            outageSince = Instant.now();
            LOG.log(Level.WARNING, "chain event reader '" + reader.name() + "' cannot read: "
                    // the container's exceptions for a rolled-back EJB call have no message of their own
                    + (cause.getMessage() != null ? cause.getMessage() : TransactionRolledBack.innermostMessage(cause))
                    + "; trying again after " + describe(backoff) + ", then less often (up to every " + describe(maxBackoff) + ")",
                    cause);
        } else {
            LOG.log(Level.FINE, "chain event reader '" + reader.name() + "' still cannot read", cause);
        }
    }

    private void endOutage() {
        if (outageSince != null) {
            Duration outage = Duration.between(outageSince, Instant.now());
            outageSince = null;
            LOG.info(() -> "chain event reader '" + reader.name() + (reading ? "' reads again" : "' is back on standby")
                    + " after an outage of " + describe(outage));
        }
    }

    /** Stops the loop, waiting for a step under way to end, and releases the lock. */
    @Override
    public void close() {
        stop.countDown();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        try {
            running.join(STOP_TIMEOUT.toMillis());
            if (running.isAlive()) {
                // a request to a hanging node: interrupting aborts it, and the loop then ends
                running.interrupt();
                running.join(STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.warning(() -> "chain event reader '" + reader.name() + "' did not stop within " + describe(STOP_TIMEOUT.multipliedBy(2)));
        }
    }

    private static String describe(Duration duration) {
        return duration.compareTo(Duration.ofSeconds(10)) < 0 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }
}
