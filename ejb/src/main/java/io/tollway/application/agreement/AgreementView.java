package io.tollway.application.agreement;

import java.time.Instant;
import java.util.List;

/**
 * An agreement as its parties and the operator see it. Amounts are decimal strings of the token's
 * smallest unit. The sealed credentials are shown to the consumer only.
 */
public record AgreementView(String id, String offeringId, String providerId, String consumerId, String consumerAddress,
                            String settlementModel, String status, String terminationCause, String terms, String termsHash,
                            boolean consumerApproved, boolean providerApproved, String onChainId, Instant requestedAt,
                            Balances balances, Provisioning provisioning, String sealedCredentials, List<String> activeSteps,
                            List<Change> history, Links links, Wallet wallet, ChannelView channel) {

    /** Where the API's paths start; the links below are paths from the server's root. */
    public static final String API_ROOT = "/api/v1";

    /**
     * The agreement's lists, each a page of its own (they grow with the agreement's age, so they are
     * not part of it): its bills, its cheques (channel agreements only) and its chain transactions.
     */
    public record Links(String self, String bills, String cheques, String transactions) {

        public static Links of(String agreementId, boolean channel) {
            String self = API_ROOT + "/agreements/" + agreementId;
            return new Links(self, self + "/bills", channel ? self + "/cheques" : null, self + "/transactions");
        }
    }

    /** Off-chain figures: from the deposits and bills recorded; {@code onChain} when asked for. */
    public record Balances(String deposited, String remaining, String billed, int bills, Instant lastBillAt, OnChain onChain) {
    }

    public record OnChain(String status, String deposited, String remaining, long lastBillAt) {
    }

    public record Provisioning(String state, String note) {
    }

    public record Change(Instant at, String from, String to, String reason) {
    }

    public record BillView(int number, String state, String variableAmount, String baseAmount, String paid, Long billedSeconds,
                           Long chainTransactionId, Instant preparedAt) {
    }

    /**
     * What the consumer's wallet needs: the chain, the contracts, and the calls to sign for the
     * next step (each {to, data, value}); the wallet sends them itself, with its own key.
     */
    public record Wallet(long chainId, String contract, String token, List<WalletCall> calls) {
    }

    public record WalletCall(String purpose, String to, String data, String value) {
    }

    /**
     * A channel agreement's channel: its identity on chain, the deposit, the units used, what is
     * owed ({@code min(setupPrice + billableUnits × unitPrice, deposit)}), the best cheque, the lag
     * in units, the service's state by the channel's rules and its deadlines, and the cheque the
     * consumer should sign next (its EIP-712 typed data) when it owes more than it paid.
     */
    public record ChannelView(String key, String agent, long openBlock, String offeringHash, String deposit, long units,
                              long billableUnits, String owed, String bestCheque, long unpaidUnits, String state,
                              Instant inactiveAt, Instant suspendedTooLongAt, String claimedAtClose, String closedAt,
                              NextCheque nextCheque) {
    }

    public record NextCheque(String balance, String typedData) {
    }

    public record ChequeView(String balance, Instant receivedAt) {
    }

    /** A chain transaction of the agreement as its parties see it (the operator's details are in {@code /chain}). */
    public record TransactionView(long id, String step, String description, String state, String hash, Long blockNumber,
                                  String revertReason, Instant requestedAt, Instant finishedAt) {
    }
}
