package io.tollway.application.console;

/** An admin's action the agreement's state does not allow now; the page says why, and nothing changed. */
public class AdminActionRefused extends RuntimeException {

    public AdminActionRefused(String message) {
        super(message);
    }
}
