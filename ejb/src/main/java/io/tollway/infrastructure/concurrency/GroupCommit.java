package io.tollway.infrastructure.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Calls that arrive at the same moment, taken together in one transaction: a transaction's fixed
 * cost (its round trips, locks and commit) is paid once for all of them instead of once each. No
 * thread of its own: each caller queues its input, and whichever caller finds a lane free takes
 * the queue's head, up to {@code maxGroup} inputs, through {@code together} and hands every caller
 * its output. Callers that find every lane busy wait; a lane that finishes wakes the oldest waiting
 * caller to take the next group. Under light load a group is one call, taken at once.
 *
 * <p>A group that fails is taken again one input at a time through {@code alone}, so one bad
 * input, or a conflict between two, fails only its own call.
 *
 * @param <I> a call's input
 * @param <O> a call's output
 */
public final class GroupCommit<I, O> {

    private final int maxGroup;
    private final Function<List<I>, List<O>> together;
    private final Function<I, O> alone;
    private final Semaphore lanes;
    private final ConcurrentLinkedQueue<Call<I, O>> queue = new ConcurrentLinkedQueue<>();

    /**
     * Groups taken at once, for groups that are transactions: more than one, so a group can be
     * read and checked while another waits for its round trips or its commit; few, so groups stay
     * large when many calls arrive.
     */
    public static final int LANES = 3;

    /** With {@link #LANES} lanes. */
    public GroupCommit(int maxGroup, Function<List<I>, List<O>> together, Function<I, O> alone) {
        this(LANES, maxGroup, together, alone);
    }

    /**
     * @param lanes    groups that may run at once
     * @param maxGroup the most inputs one group takes
     * @param together the outputs of a group's inputs, in their order, in one transaction
     * @param alone    one input's output, in its own transaction
     */
    public GroupCommit(int lanes, int maxGroup, Function<List<I>, List<O>> together, Function<I, O> alone) {
        if (lanes < 1 || maxGroup < 1) {
            throw new IllegalArgumentException("lanes and maxGroup must be 1 or more, were " + lanes + " and " + maxGroup);
        }
        this.maxGroup = maxGroup;
        this.together = Objects.requireNonNull(together);
        this.alone = Objects.requireNonNull(alone);
        this.lanes = new Semaphore(lanes);
    }

    /** The input's output, taken with those of the calls made at the same moment; its own failure is thrown. */
    public O call(I input) {
        Call<I, O> call = new Call<>(input, Thread.currentThread());
        queue.add(call);
        boolean interrupted = false;
        while (!call.done) {
            if (lanes.tryAcquire()) {
                try {
                    takeGroup();
                } finally {
                    lanes.release();
                    wakeOldest();
                }
            } else {
                LockSupport.park(this);
                // the call is in the queue or in a group already: it cannot be withdrawn, so it is waited for
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (call.failure != null) {
            throw call.failure;
        }
        return call.output;
    }

    /**
     * After a lane is released. A caller that queued while every lane was busy parks: it queued
     * before it looked at the lanes, so it is in this queue now unless a group took it, and then
     * the lane that took it wakes the next one when it is released.
     */
    private void wakeOldest() {
        Call<I, O> oldest = queue.peek();
        if (oldest != null) {
            LockSupport.unpark(oldest.caller);
        }
    }

    private void takeGroup() {
        List<Call<I, O>> group = new ArrayList<>();
        for (Call<I, O> next; group.size() < maxGroup && (next = queue.poll()) != null; ) {
            group.add(next);
        }
        try {
            answer(group);
        } catch (Throwable e) {
            // every caller of the group must wake, whatever went wrong
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            group.stream().filter(c -> !c.done).forEach(c -> c.finish(null, failure));
        }
    }

    private void answer(List<Call<I, O>> group) {
        if (group.isEmpty()) {
            return;
        }
        List<O> outputs;
        try {
            outputs = together.apply(group.stream().map(c -> c.input).toList());
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).finish(null, e);
                return;
            }
            for (Call<I, O> call : group) {
                try {
                    call.finish(alone.apply(call.input), null);
                } catch (RuntimeException each) {
                    call.finish(null, each);
                }
            }
            return;
        }
        if (outputs.size() != group.size()) {
            throw new IllegalStateException(group.size() + " inputs were taken together but " + outputs.size() + " outputs came back");
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).finish(outputs.get(i), null);
        }
    }

    /** A queued call: its input, the thread that waits for it, and, once done, its output or failure. */
    private static final class Call<I, O> {
        final I input;
        final Thread caller;
        volatile boolean done;
        O output;
        RuntimeException failure;

        Call(I input, Thread caller) {
            this.input = input;
            this.caller = caller;
        }

        /** Written before {@code done}, read after it: the volatile write publishes both. */
        void finish(O output, RuntimeException failure) {
            this.output = output;
            this.failure = failure;
            done = true;
            LockSupport.unpark(caller);
        }
    }
}
