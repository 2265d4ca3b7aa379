package io.tollway.application.console;

import java.util.List;

/**
 * The console's dashboard figures, each read once for the page. Amounts are decimal strings in the
 * token's smallest unit. A figure that needs the chain node is null when the node does not answer
 * (the page says "unavailable" instead of failing).
 *
 * @param agreements         agreements by status, one row per status in the order of their life, with a count per model
 * @param inEscrow           what escrow agreements that have not ended hold, by Tollway's record of deposits and bills
 * @param inChannels         the deposits of payment channels that are not closed
 * @param earned             what bills paid (escrow) and closed channels paid (their closing balance)
 * @param withdrawn          what the escrow says the operator's signers withdrew of their earnings (chain; null: unavailable)
 * @param billsLastHour      bills settled in the last hour (by the engine's clock, as the bills were)
 * @param openIncidents      jobs that failed their last retry
 * @param chainHead          the node's newest block (null: unavailable)
 * @param readerBlock        the last block the chain event reader handled (its persisted cursor; null: it never ran)
 * @param readerLag          blocks between the two (null: one is unknown)
 * @param pendingTransactions chain transactions not final yet (prepared, submitted, mined or dropped and signed again)
 */
public record DashboardView(List<StatusRow> agreements, long agreementTotal, String inEscrow, String inChannels, String earned,
                            String withdrawn, long billsLastHour, long openIncidents, Long chainHead, Long readerBlock,
                            Long readerLag, long pendingTransactions) {

    /** The agreements in one status: per settlement model and in all. */
    public record StatusRow(String status, long escrow, long channel, long total) {
    }
}
