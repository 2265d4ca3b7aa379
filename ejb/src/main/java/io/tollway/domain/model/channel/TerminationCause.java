package io.tollway.domain.model.channel;

/** Why a channel's service ends. */
public enum TerminationCause {
    /** The deposit pays for no further whole unit: used units reached {@link ChannelTerms#unitsCoveredBy}. */
    DEPOSIT_EXHAUSTED,
    /** Used units reached the offering's {@link ChannelTerms#maxUnits()}. */
    MAX_UNITS,
    /** No usage for {@link ChannelTerms#maxInactiveSeconds()} while the service was active. */
    INACTIVE,
    /** Suspended for {@link ChannelTerms#maxSuspendSeconds()} without paying the lag back. */
    SUSPENDED_TOO_LONG,
    /** The consumer asked the contract for an uncooperative close. */
    CLOSE_REQUESTED
}
