package io.tollway.infrastructure.chain.events;

import io.tollway.domain.model.chain.ChainEvent;
import io.tollway.domain.model.chain.ChainEventHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The domain's side in the tests: remembers what it was told, and can refuse the next events. */
final class RecordingHandler implements ChainEventHandler {

    final List<ChainEvent> handled = new CopyOnWriteArrayList<>();
    final List<ChainEvent> orphaned = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();

    /** The next {@code times} calls of {@link #handle} throw, as a handler whose own write fails would. */
    void refuseNext(int times) {
        refusals.set(times);
    }

    @Override
    public void handle(ChainEvent event) {
        if (refusals.getAndUpdate(left -> Math.max(left - 1, 0)) > 0) {
            throw new IllegalStateException("the domain refused " + event);
        }
        handled.add(event);
    }

    @Override
    public void orphaned(ChainEvent event) {
        orphaned.add(event);
    }
}
