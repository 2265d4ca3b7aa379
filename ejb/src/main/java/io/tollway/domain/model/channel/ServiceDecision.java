package io.tollway.domain.model.channel;

import io.tollway.domain.model.agreement.TerminationCause;

import java.util.Objects;
import java.util.Optional;

/**
 * What the service of a channel should do at a moment, as {@link ChannelAccount#decideAt} finds
 * it: keep running, be suspended, stay suspended, be resumed, or end (with its cause).
 */
public record ServiceDecision(Action action, TerminationCause cause) {

    /** What to do. */
    public enum Action {
        /** The service is active and stays so. */
        ACTIVE,
        /** Unpaid units exceed the allowed lag: suspend the service. */
        SUSPEND,
        /** The service is suspended and the lag is still too high: keep it suspended. */
        SUSPENDED,
        /** The service is suspended and the lag is paid back: resume it. */
        RESUME,
        /** End the service (and close the channel with the best cheque). */
        TERMINATE
    }

    public static final ServiceDecision ACTIVE = new ServiceDecision(Action.ACTIVE, null);
    public static final ServiceDecision SUSPEND = new ServiceDecision(Action.SUSPEND, null);
    public static final ServiceDecision SUSPENDED = new ServiceDecision(Action.SUSPENDED, null);
    public static final ServiceDecision RESUME = new ServiceDecision(Action.RESUME, null);

    public ServiceDecision {
        Objects.requireNonNull(action, "action");
        if ((action == Action.TERMINATE) != (cause != null)) {
            throw new IllegalArgumentException("a cause goes with TERMINATE and only with it");
        }
    }

    public static ServiceDecision terminate(TerminationCause cause) {
        return new ServiceDecision(Action.TERMINATE, Objects.requireNonNull(cause, "cause"));
    }

    /** The cause when the decision is to terminate. */
    public Optional<TerminationCause> terminationCause() {
        return Optional.ofNullable(cause);
    }
}
