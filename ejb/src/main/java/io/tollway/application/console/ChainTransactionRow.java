package io.tollway.application.console;

import java.time.Instant;

/**
 * One chain transaction as the console lists it. {@code fee} is what it cost (gas used × effective
 * gas price, in wei) once mined, null before; {@code confirmations} counts its block and those on
 * top of it (null until mined, or when the node does not answer).
 */
public record ChainTransactionRow(long id, String subject, String step, String description, String state, Long nonce,
                                  String hash, int attempts, Long blockNumber, Long gasUsed, String fee, Long confirmations,
                                  String revertReason, Instant requestedAt, Instant finishedAt) {
}
