package io.tollway.wallet;

/** The command line asks for something the wallet does not do: an unknown command or option, a missing argument. */
public class UsageError extends RuntimeException {

    public UsageError(String message) {
        super(message);
    }
}
