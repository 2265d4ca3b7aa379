package io.tollway.process.engine;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Duration;
import java.time.Instant;

/**
 * The process engine's clock. Tests move it forward instead of waiting for timers; the job
 * executor is woken at once so due jobs run without its idle back-off.
 */
@ApplicationScoped
public class EngineClock {

    @EJB
    private ProcessEngineBootstrap bootstrap;


    /** The engine's time now: the wall clock, or where a test moved it. */
    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public Instant moveForward(Duration duration) {
        Instant moved = ClockUtil.offset(ClockUtil.getCurrentTime().getTime() - System.currentTimeMillis()
                + duration.toMillis()).toInstant();
        bootstrap.wakeJobExecutor();
        return moved;
    }

    public void reset() {
        ClockUtil.reset();
    }
}
