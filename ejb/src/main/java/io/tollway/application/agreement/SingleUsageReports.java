package io.tollway.application.agreement;

import io.tollway.application.account.Caller;
import io.tollway.infrastructure.concurrency.GroupCommit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage reported one report per request, as a service controller that reports each use as it
 * happens sends it. Reports that arrive at the same moment are taken together, in one transaction
 * of {@link UsageIntake#reportAll}: one lock statement, one read of the stored keys and unbilled
 * sums, one round trip to the node for the caps, one insert and one commit for all of them, where
 * one by one each report paid for all of those alone. Each report is still accepted or refused on
 * its own, by the same rules, and answered only once it is committed.
 */
@ApplicationScoped
public class SingleUsageReports {

    @Inject
    private UsageIntake intake;

    private GroupCommit<Sent, UsageIntake.Outcome> groups;

    /** A report and the provider that sent it. */
    private record Sent(Caller provider, UsageIntake.Report report) {
    }

    @PostConstruct
    void start() {
        groups = new GroupCommit<>(UsageIntake.MAX_REPORTS, this::together,
                sent -> intake.reportAll(sent.provider(), List.of(sent.report())).get(0));
    }

    /** The provider's report, accepted; a refusal is thrown. */
    public Agreements.UsageAccepted report(Caller provider, UsageIntake.Report report) {
        UsageIntake.Outcome outcome = groups.call(new Sent(provider, report));
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.accepted();
    }

    /** Each provider's reports in one request to the intake, as if that provider had sent them in one. */
    private List<UsageIntake.Outcome> together(List<Sent> group) {
        Map<Caller, List<Integer>> byProvider = new LinkedHashMap<>();
        for (int i = 0; i < group.size(); i++) {
            byProvider.computeIfAbsent(group.get(i).provider(), p -> new ArrayList<>()).add(i);
        }
        UsageIntake.Outcome[] outcomes = new UsageIntake.Outcome[group.size()];
        byProvider.forEach((provider, indexes) -> {
            List<UsageIntake.Outcome> taken = intake.reportAll(provider, indexes.stream().map(i -> group.get(i).report()).toList());
            for (int j = 0; j < indexes.size(); j++) {
                outcomes[indexes.get(j)] = taken.get(j);
            }
        });
        return List.of(outcomes);
    }
}
