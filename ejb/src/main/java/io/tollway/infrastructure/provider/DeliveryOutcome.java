package io.tollway.infrastructure.provider;

/** What an HTTP status from a provider's webhook means for the command that was sent. */
public enum DeliveryOutcome {
    /** 2xx: the provider has the command and will report its outcome through the API. */
    ACCEPTED,
    /** 5xx, 408, 425, 429, or no answer at all: try again later. */
    RETRY,
    /** Any other status: the same request would be refused again. */
    REFUSED;

    public static DeliveryOutcome of(int status) {
        if (status >= 200 && status < 300) {
            return ACCEPTED;
        }
        if (status >= 500 || status == 408 || status == 425 || status == 429) {
            return RETRY;
        }
        return REFUSED;
    }
}
