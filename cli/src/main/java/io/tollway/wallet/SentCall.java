package io.tollway.wallet;

/** A call the wallet sent, with its receipt (always a successful one: a revert is thrown). */
public record SentCall(WalletCall call, Receipt receipt) {
}
