package io.tollway.infrastructure.chain.transaction;

import io.tollway.infrastructure.faults.InjectedFault;
import io.tollway.infrastructure.persistence.jdbc.DataAccessFailed;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A background loop of the gateway: runs its step again at once while there is work, sleeps until
 * woken (or for the idle interval) when there is none, and backs off while the node or the
 * database is away, logging an outage once when it starts and once when it ends. An injected
 * fault ends the loop as a crash would; only a restart of the gateway brings it back.
 */
final class Worker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Worker.class.getName());
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(5);

    @FunctionalInterface
    interface Step {
        /** One round; returns how much it did (0: nothing to do). */
        int run() throws IOException;
    }

    private final String name;
    private final Step step;
    private final Duration idle;
    private final Runnable afterOutage;
    private final Semaphore signal = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean crashed;
    private volatile String outage;

    Worker(String name, Step step, Duration idle, ThreadFactory threads, Runnable afterOutage) {
        this.name = name;
        this.step = step;
        this.idle = idle;
        this.afterOutage = afterOutage;
        this.thread = threads.newThread(this::loop);
        this.thread.setName("tollway-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Makes the worker look for work now instead of at its next idle poll. */
    void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    boolean crashed() {
        return crashed;
    }

    /** Why the worker cannot do its job right now, or null when it can. */
    String outage() {
        return outage;
    }

    private void loop() {
        Duration backOff = Duration.ofMillis(100);
        while (running) {
            try {
                int done = step.run();
                if (outage != null) {
                    LOG.info(() -> name + ": working again after: " + outage);
                    outage = null;
                    afterOutage.run();
                }
                backOff = Duration.ofMillis(100);
                if (done == 0) {
                    await(idle);
                }
            } catch (InjectedFault fault) {
                LOG.severe(() -> name + " stopped by " + fault.getMessage() + " (simulated crash; restart the gateway)");
                crashed = true;
                return;
            } catch (IOException | java.io.UncheckedIOException | DataAccessFailed e) {
                if (outage == null) {
                    LOG.warning(() -> name + ": " + e.getMessage() + "; retrying until it answers");
                }
                outage = e.getMessage();
                await(backOff);
                backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, name + " failed; retrying", e);
                outage = String.valueOf(e.getMessage());
                await(backOff);
                backOff = MAX_BACK_OFF;
            }
        }
    }

    private void await(Duration duration) {
        try {
            signal.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS);
            signal.drainPermits();
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            // a round in progress finishes its database transaction; only a hung call is interrupted
            thread.join(10_000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
