package io.tollway.application.console;

import io.tollway.application.agreement.AgreementTermsJson;
import io.tollway.application.agreement.AgreementView;
import io.tollway.application.channel.ChannelAgreements;
import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.EscrowProjection;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.channel.AcceptedCheque;
import io.tollway.domain.model.channel.ChannelRepository;
import io.tollway.domain.model.offering.SettlementModel;
import io.tollway.infrastructure.chain.escrow.EscrowAgreementOnChain;
import io.tollway.infrastructure.chain.escrow.EscrowChain;
import io.tollway.process.agreement.AgreementTimes;
import io.tollway.process.engine.EngineClock;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An agreement's balances over time ({@link BalanceChart}). The escrow's actual line replays the
 * chain events Tollway handled for it (each deposit says what the escrow held after it; each bill
 * and the out-of-funds bill what it took); the projection starts from the escrow as the chain holds
 * it now, or from Tollway's mirror of it when the node cannot be reached.
 */
@Stateless
public class AgreementBalances {

    private static final Logger LOG = Logger.getLogger(AgreementBalances.class.getName());
    private static final int PROJECTED_POINTS = 120;
    /** The newest cheques the channel's line is drawn through. */
    private static final int CHARTED_CHEQUES = 200;

    @Inject
    private AgreementRepository agreements;

    @Inject
    private EscrowChain escrow;

    @Inject
    private AgreementTimes times;

    @EJB
    private ChannelAgreements channels;

    @Inject
    private ChannelRepository cheques;

    @PersistenceContext(unitName = "tollway")
    private EntityManager entityManager;

    public BalanceChart of(String agreementId) {
        Agreement agreement = agreements.find(agreementId).orElseThrow(() -> new AgreementNotFound(agreementId));
        return agreement.settlementModel() == SettlementModel.CHANNEL ? channel(agreement) : escrow(agreement);
    }

    private BalanceChart escrow(Agreement agreement) {
        List<BalanceChart.Point> actual = new ArrayList<>();
        if (agreement.onChainId() == null) {
            return new BalanceChart(SettlementModel.ESCROW.name(), actual, List.of(), null, false, "no escrow on chain yet");
        }
        BigInteger deposited = BigInteger.ZERO;
        BigInteger remaining = BigInteger.ZERO;
        for (EscrowEventRow row : escrowEvents(agreement.onChainId())) {
            switch (row.name()) {
                case "DepositMade" -> {
                    deposited = deposited.add(row.amount());
                    remaining = row.remaining();
                }
                case "BillPaid", "OutOfFunds" -> remaining = remaining.subtract(row.amount()).max(BigInteger.ZERO);
                default -> {
                    continue;
                }
            }
            actual.add(point(row.at(), remaining, deposited.subtract(remaining)));
        }
        Instant now = EngineClock.now();
        if (deposited.signum() == 0) {
            return new BalanceChart(SettlementModel.ESCROW.name(), actual, List.of(), null, false, "no deposit yet");
        }
        EscrowTerms terms = AgreementTermsJson.escrow(agreement.terms());
        EscrowNow current = escrowNow(agreement, deposited, actual);
        actual.add(point(now, current.remaining(), current.deposited().subtract(current.remaining())));
        if (!current.running()) {
            return new BalanceChart(SettlementModel.ESCROW.name(), actual, List.of(), null, false,
                    "the escrow is " + current.status() + ": nothing more is billed");
        }
        Duration every = Duration.parse(times.getBillingInterval());
        EscrowProjection.Projection projection = EscrowProjection.of(terms, current.deposited(), current.remaining(),
                current.lastBillAt(), every, PROJECTED_POINTS);
        List<BalanceChart.Point> projected = projection.points().stream()
                .map(p -> point(p.at(), p.consumerRemaining(), p.providerEarned())).toList();
        return new BalanceChart(SettlementModel.ESCROW.name(), actual, projected, projection.outOfFundsAt().orElse(null),
                projection.runsOut(), current.note());
    }

    /** The escrow now: the chain's figures, or Tollway's mirror when the node does not answer. */
    private record EscrowNow(BigInteger deposited, BigInteger remaining, Instant lastBillAt, String status, boolean running,
                             String note) {
    }

    private EscrowNow escrowNow(Agreement agreement, BigInteger depositedSeen, List<BalanceChart.Point> actual) {
        try {
            EscrowAgreementOnChain onChain = escrow.agreement(agreement.onChainId());
            return new EscrowNow(onChain.deposited(), onChain.remaining(), Instant.ofEpochSecond(onChain.lastBillAt()),
                    onChain.status(), "Active".equals(onChain.status()), "projected from the escrow on chain");
        } catch (RuntimeException unreachable) {
            LOG.log(Level.WARNING, "the escrow of agreement {0} could not be read; projecting from Tollway''s mirror: {1}",
                    new Object[]{agreement.id(), unreachable.toString()});
            Instant lastBill = agreement.lastBillAt() != null ? agreement.lastBillAt().toInstant()
                    : actual.isEmpty() ? EngineClock.now() : actual.get(0).at();
            BigInteger deposited = agreement.escrowDeposited().max(depositedSeen);
            return new EscrowNow(deposited, agreement.escrowRemaining().min(deposited), lastBill, agreement.status().name(),
                    agreement.status().isLive(), "the chain could not be read: projected from Tollway's last record of the escrow");
        }
    }

    private BalanceChart channel(Agreement agreement) {
        List<BalanceChart.Point> actual = new ArrayList<>();
        AgreementView.ChannelView view = channels.view(agreement).orElse(null);
        if (view == null) {
            return new BalanceChart(SettlementModel.CHANNEL.name(), actual, List.of(), null, false, "no channel opened yet");
        }
        BigInteger deposit = new BigInteger(view.deposit());
        cheques.cheques(agreement.id(), 0, CHARTED_CHEQUES).stream().sorted(Comparator.comparing(AcceptedCheque::receivedAt))
                .forEach(cheque -> actual.add(point(cheque.receivedAt().toInstant(), deposit.subtract(cheque.balance()), cheque.balance())));
        BigInteger best = new BigInteger(view.bestCheque());
        actual.add(point(EngineClock.now(), deposit.subtract(best), best));
        return new BalanceChart(SettlementModel.CHANNEL.name(), actual, List.of(), null, false,
                "owed " + view.owed() + " for " + view.billableUnits() + " units; the channel ends when what is owed reaches the deposit of "
                        + view.deposit());
    }

    private static BalanceChart.Point point(Instant at, BigInteger consumer, BigInteger provider) {
        return new BalanceChart.Point(at, consumer.toString(), provider.toString());
    }

    /** One escrow event as the chart needs it: a deposit's amount and what the escrow held after it, or what a bill took. */
    private record EscrowEventRow(Instant at, String name, BigInteger amount, BigInteger remaining) {
    }

    private List<EscrowEventRow> escrowEvents(String onChainId) {
        // bills paid are their base and variable parts; an out-of-funds bill says what it paid
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select handled_at, name,
                               case name when 'DepositMade' then payload ->> 'amount'
                                         when 'BillPaid' then ((payload ->> 'baseAmount')::numeric + (payload ->> 'variableAmount')::numeric)::text
                                         else payload ->> 'paid' end,
                               payload ->> 'remaining'
                        from chain_event
                        where subject = ? and state = 'HANDLED' and name in ('DepositMade', 'BillPaid', 'OutOfFunds')
                        order by block_number, log_index""")
                .setParameter(1, onChainId)
                .getResultList();
        return rows.stream().map(r -> new EscrowEventRow(instant(r[0]), (String) r[1], integer(r[2]), integer(r[3]))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("no time in " + value);
    }

    private static BigInteger integer(Object value) {
        return value == null ? BigInteger.ZERO : new BigDecimal(value.toString()).toBigIntegerExact();
    }
}
