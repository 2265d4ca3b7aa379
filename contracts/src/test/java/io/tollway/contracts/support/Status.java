package io.tollway.contracts.support;

/** ServiceEscrow.Status ordinals. */
public final class Status {
    public static final int NONE = 0;
    public static final int CREATED = 1;
    public static final int READY = 2;
    public static final int APPROVED = 3;
    public static final int ACTIVE = 4;
    public static final int STOPPED = 5;
    public static final int OUT_OF_FUNDS = 6;
    public static final int REJECTED = 7;
    public static final int CANCELLED = 8;

    private Status() {
    }
}
