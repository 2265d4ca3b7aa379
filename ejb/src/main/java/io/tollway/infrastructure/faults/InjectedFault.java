package io.tollway.infrastructure.faults;

/** The failure a test armed at a fault point. */
public class InjectedFault extends RuntimeException {

    public InjectedFault(String point) {
        super("injected fault at " + point);
    }
}
