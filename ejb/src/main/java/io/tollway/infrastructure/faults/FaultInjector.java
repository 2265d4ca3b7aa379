package io.tollway.infrastructure.faults;

import io.tollway.infrastructure.config.TollwayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points where a test server can make Tollway fail on purpose, to prove that a failure at
 * that instant loses or doubles nothing (a crash between a database write and the next step).
 * Points are armed only where test support is switched on; in production {@link #check} never
 * throws.
 */
@ApplicationScoped
public class FaultInjector {

    private final Map<String, AtomicInteger> armed = new ConcurrentHashMap<>();

    @Inject
    TollwayConfig config;

    /** Makes the next {@code times} passes through {@code point} fail. */
    public void arm(String point, int times) {
        if (!config.testSupport()) {
            throw new IllegalStateException("fault injection is off (tollway.test-support)");
        }
        armed.put(point, new AtomicInteger(times));
    }

    public void disarmAll() {
        armed.clear();
    }

    /** How many armed failures of this point are still to come. */
    public int remaining(String point) {
        AtomicInteger left = armed.get(point);
        return left == null ? 0 : Math.max(0, left.get());
    }

    /**
     * Fails here if this point is armed, either for everything ({@code point}) or for this
     * subject only ({@code point:subject}, e.g. one offering), so concurrent work on other
     * subjects is left alone.
     */
    public void check(String point, String subject) {
        fireIfArmed(point + ":" + subject);
        fireIfArmed(point);
    }

    private void fireIfArmed(String key) {
        AtomicInteger left = armed.get(key);
        if (left != null && left.getAndDecrement() > 0) {
            throw new InjectedFault(key);
        }
    }
}
