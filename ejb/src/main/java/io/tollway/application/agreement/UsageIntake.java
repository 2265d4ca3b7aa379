package io.tollway.application.agreement;

import io.tollway.application.account.Caller;
import io.tollway.application.channel.ChannelAgreements;
import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.agreement.IllegalAgreementTransition;
import io.tollway.domain.model.agreement.UsageKey;
import io.tollway.domain.model.agreement.UsageReport;
import io.tollway.domain.model.offering.SettlementModel;
import io.tollway.infrastructure.chain.escrow.EscrowChain;
import io.tollway.process.engine.EngineClock;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The usage a provider's service controller reports: one report, or many for many agreements in
 * one request, as a controller that meters all its agreements sends them. Each report is accepted
 * or refused on its own, by the same rules either way: a replay of a key with the same amount is
 * answered like the first, with another amount it is refused, and escrow usage beyond the cap for
 * the time since the last bill is refused (drain protection).
 *
 * <p>Reports of many agreements cost about as much as one: their agreements and stored keys are
 * read with one query each, their unbilled usage with the lock, their escrows' last bills in one
 * round trip to the node, and the new reports written with one statement.
 */
@Stateless
@LocalBean
public class UsageIntake {

    /** The most reports one request may carry. */
    public static final int MAX_REPORTS = 500;

    @Inject
    private AgreementRepository agreements;

    @Inject
    private EscrowChain escrow;

    @Inject
    private ChannelAgreements channels;

    /** One report: an amount of tokens (escrow) or a number of units (payment channel), under the provider's key. */
    public record Report(String agreementId, String idempotencyKey, BigInteger amount, Long units) {
    }

    /** What became of a report: accepted (the first time, or {@code replayed}), or refused and why. */
    public record Outcome(Agreements.UsageAccepted accepted, boolean replayed, RuntimeException refusal) {

        static Outcome accepted(Agreements.UsageAccepted accepted, boolean replayed) {
            return new Outcome(accepted, replayed, null);
        }

        static Outcome refused(RuntimeException why) {
            return new Outcome(null, false, why);
        }
    }

    /** Up to {@link #MAX_REPORTS} reports, their outcomes in the same order. */
    public List<Outcome> reportAll(Caller provider, List<Report> reports) {
        if (reports.isEmpty() || reports.size() > MAX_REPORTS) {
            throw new IllegalArgumentException("a request carries 1 to " + MAX_REPORTS + " usage reports, not " + reports.size());
        }
        // the API lets only providers here, and a provider sees only its offerings' agreements
        Map<String, Agreement> visible = agreements.readAll(reports.stream().map(Report::agreementId).collect(Collectors.toSet()))
                .stream().filter(provider::sees)
                .collect(Collectors.toMap(Agreement::id, Function.identity()));
        Outcome[] outcomes = new Outcome[reports.size()];
        Map<UsageKey, Integer> firstWithKey = new HashMap<>();
        List<Integer> escrowReports = new ArrayList<>();
        List<Integer> channelReports = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            Report report = reports.get(i);
            RuntimeException refusal = refusal(report, visible.get(report.agreementId()));
            if (refusal != null) {
                outcomes[i] = Outcome.refused(refusal);
            } else if (firstWithKey.putIfAbsent(keyOf(report), i) != null) {
                continue; // answered below, like the first report with its key
            } else if (visible.get(report.agreementId()).settlementModel() == SettlementModel.CHANNEL) {
                channelReports.add(i);
            } else {
                escrowReports.add(i);
            }
        }
        OffsetDateTime now = EngineClock.now().atOffset(ZoneOffset.UTC);
        takeEscrowUsage(reports, escrowReports, visible, now, outcomes);
        takeChannelUnits(reports, channelReports, visible, outcomes);
        for (int i = 0; i < reports.size(); i++) {
            if (outcomes[i] == null) {
                outcomes[i] = again(reports.get(i), outcomes[firstWithKey.get(keyOf(reports.get(i)))]);
            }
        }
        return List.of(outcomes);
    }

    /** Why the report cannot be taken whatever else is stored, or null. */
    private static RuntimeException refusal(Report report, Agreement agreement) {
        if (agreement == null) {
            return new AgreementNotFound(report.agreementId());
        }
        String key = report.idempotencyKey();
        if (key == null || key.isBlank() || key.length() > 100) {
            return new IllegalArgumentException("idempotencyKey must be 1 to 100 characters");
        }
        if (agreement.settlementModel() == SettlementModel.CHANNEL) {
            if (report.units() == null || report.amount() != null) {
                return new IllegalArgumentException("usage of a payment-channel agreement is counted in units: give units, not amount");
            }
            if (report.units() < 1) {
                return new IllegalArgumentException("units must be 1 or more, was " + report.units());
            }
        } else {
            if (report.amount() == null || report.units() != null) {
                return new IllegalArgumentException("usage of an escrow agreement is an amount of tokens: give amount, not units");
            }
            if (report.amount().signum() <= 0) {
                return new IllegalArgumentException("amount must be more than 0");
            }
        }
        if (!agreement.status().isLive()) {
            return new IllegalAgreementTransition(agreement.id(), agreement.status(), "take usage");
        }
        return null;
    }

    /** A later report with a key an earlier one of the same request has: answered like that one, if it says the same. */
    private static Outcome again(Report report, Outcome first) {
        if (first.refusal() != null) {
            return first;
        }
        boolean same = report.units() != null
                ? first.accepted().units() != null && first.accepted().units().longValue() == report.units()
                : first.accepted().amount() != null && new BigInteger(first.accepted().amount()).equals(report.amount());
        if (!same) {
            return Outcome.refused(new Agreements.ReplayedKey(report.idempotencyKey()));
        }
        return Outcome.accepted(first.accepted(), true);
    }

    private void takeEscrowUsage(List<Report> reports, List<Integer> indexes, Map<String, Agreement> visible, OffsetDateTime now,
                                 Outcome[] outcomes) {
        if (indexes.isEmpty()) {
            return;
        }
        Set<String> ids = agreementIds(reports, indexes);
        Set<UsageKey> keys = keys(reports, indexes);
        Set<UsageKey> storedBefore = stored(keys).keySet();
        Set<String> capped = new TreeSet<>();
        indexes.stream().map(reports::get).filter(r -> !storedBefore.contains(keyOf(r))).forEach(r -> capped.add(r.agreementId()));
        // by the chain's clock, as the contract will bill it; read before the lock so no row waits for the node
        Map<String, BigInteger> caps = caps(capped, visible);

        Map<String, BigInteger> unbilled = new HashMap<>(agreements.lockForUsage(ids));
        Map<UsageKey, UsageReport> stored = stored(keys);
        List<UsageReport> added = new ArrayList<>();
        for (int i : indexes) {
            Report report = reports.get(i);
            UsageReport earlier = stored.get(keyOf(report));
            if (earlier != null) {
                outcomes[i] = earlier.amount().compareTo(report.amount()) == 0
                        ? Outcome.accepted(accepted(earlier), true)
                        : Outcome.refused(new Agreements.ReplayedKey(report.idempotencyKey()));
                continue;
            }
            String id = report.agreementId();
            BigInteger cap = caps.get(id);
            if (cap == null) {
                // stored before the lock and gone after it cannot be; a key new after the lock was new before it
                throw new IllegalStateException("no cap read for agreement " + id);
            }
            BigInteger before = unbilled.getOrDefault(id, BigInteger.ZERO);
            if (before.add(report.amount()).compareTo(cap) > 0) {
                outcomes[i] = Outcome.refused(new Agreements.OverCap(id, before, report.amount(), cap));
                continue;
            }
            unbilled.put(id, before.add(report.amount()));
            UsageReport fresh = new UsageReport(id, report.idempotencyKey(), report.amount(), now);
            added.add(fresh);
            outcomes[i] = Outcome.accepted(accepted(fresh), false);
        }
        if (agreements.reportAll(added) != added.size()) {
            // every writer of escrow usage holds the agreement's lock: a key stored meanwhile means that rule was broken
            throw new OptimisticLockException("usage reports of these agreements were stored by another request at the same moment");
        }
    }

    /** The usage each agreement may still take: its cap for the time since its last bill on chain until the newest block. */
    private Map<String, BigInteger> caps(Set<String> ids, Map<String, Agreement> visible) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> lastBills = escrow.lastBills(ids.stream().map(id -> visible.get(id).onChainId()).toList());
        long chainNow = escrow.latestBlockTime();
        Map<String, BigInteger> caps = new HashMap<>();
        for (String id : ids) {
            Agreement agreement = visible.get(id);
            long lastBill = lastBills.get(agreement.onChainId());
            caps.put(id, AgreementTermsJson.escrow(agreement.terms()).usageCap(EscrowTerms.billableSeconds(lastBill, chainNow)));
        }
        return caps;
    }

    private static Set<String> agreementIds(List<Report> reports, List<Integer> indexes) {
        return indexes.stream().map(i -> reports.get(i).agreementId()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<UsageKey> keys(List<Report> reports, List<Integer> indexes) {
        return indexes.stream().map(i -> keyOf(reports.get(i))).collect(Collectors.toSet());
    }

    private static UsageKey keyOf(Report report) {
        return new UsageKey(report.agreementId(), report.idempotencyKey());
    }

    private Map<UsageKey, UsageReport> stored(Set<UsageKey> keys) {
        return agreements.usage(keys).stream()
                .collect(Collectors.toMap(u -> new UsageKey(u.agreementIdValue(), u.idempotencyKey()), Function.identity()));
    }

    private static Agreements.UsageAccepted accepted(UsageReport report) {
        return new Agreements.UsageAccepted(report.idempotencyKey(), report.amount().toString(), null, null, null,
                report.reportedAt().toInstant());
    }

    /**
     * Units go one by one into their channel's account, which each locks, in
     * {@link ChannelAgreements#inLockOrder lock order}. A key stored before with other units is
     * refused here: the channel would refuse it by an exception, which would roll back the whole
     * request.
     */
    private void takeChannelUnits(List<Report> reports, List<Integer> indexes, Map<String, Agreement> visible, Outcome[] outcomes) {
        if (indexes.isEmpty()) {
            return;
        }
        Map<UsageKey, UsageReport> stored = stored(keys(reports, indexes));
        for (int i : ChannelAgreements.inLockOrder(indexes, i -> reports.get(i).agreementId())) {
            Report report = reports.get(i);
            UsageReport earlier = stored.get(keyOf(report));
            if (earlier != null && earlier.amount().compareTo(BigInteger.valueOf(report.units())) != 0) {
                outcomes[i] = Outcome.refused(new ChannelAgreements.ReplayedUsageKey(report.idempotencyKey()));
                continue;
            }
            ChannelAgreements.UnitsAccepted accepted = channels.units(visible.get(report.agreementId()), report.idempotencyKey(),
                    report.units());
            outcomes[i] = Outcome.accepted(new Agreements.UsageAccepted(accepted.idempotencyKey(), null, accepted.units(),
                    accepted.totalUnits(), accepted.unpaidUnits(), accepted.reportedAt()), earlier != null);
        }
    }
}
