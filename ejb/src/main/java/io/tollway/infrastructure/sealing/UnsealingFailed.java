package io.tollway.infrastructure.sealing;

/**
 * Sealed credentials that do not open: another key, altered bytes, or not a seal at all. The
 * reasons are deliberately not told apart beyond that, so the answer helps no one forge a seal.
 */
public class UnsealingFailed extends RuntimeException {

    public UnsealingFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
