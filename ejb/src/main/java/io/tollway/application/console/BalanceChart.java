package io.tollway.application.console;

import java.time.Instant;
import java.util.List;

/**
 * An agreement's balances over time, for the console's chart. Amounts are decimal strings of
 * the token's smallest unit.
 *
 * <ul>
 *   <li>escrow: {@code consumer} is what the escrow holds for the consumer, {@code provider} what the
 *       provider was paid in total; {@code actual} from the deposits and bills Tollway saw,
 *       {@code projected} by the formula from the last bill until the deposit runs out (base fee
 *       only, at the billing interval), {@code outOfFundsAt} the moment it stops covering it;</li>
 *   <li>payment channel: {@code consumer} is the deposit not yet promised, {@code provider} the
 *       best cheque; no projection (usage decides), {@code note} says where it ends.</li>
 * </ul>
 */
public record BalanceChart(String settlementModel, List<Point> actual, List<Point> projected, Instant outOfFundsAt,
                           boolean runsOutInProjection, String note) {

    public record Point(Instant at, String consumer, String provider) {
    }
}
