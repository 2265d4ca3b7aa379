package io.tollway.interfaces.rest;

import io.tollway.application.account.Caller;
import io.tollway.application.agreement.Agreements;
import io.tollway.application.agreement.UsageIntake;
import io.tollway.domain.model.account.Role;
import io.tollway.interfaces.rest.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Usage of many agreements in one request, as a provider's service controller meters them: each
 * report is taken or refused on its own, by the rules of {@code POST /agreements/{id}/usage}, and
 * answered in the same order with the status and body that endpoint would give it. A request that
 * cannot be read as reports (a field missing or out of range, too many reports) is refused whole,
 * naming the report, and nothing is recorded.
 */
@ApplicationScoped
@Path("usage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsageResource {

    @EJB
    private UsageIntake usage;

    /** The reports, each with its agreement. */
    public record UsageReportsJson(List<ReportJson> reports) {
    }

    public record ReportJson(String agreementId, String idempotencyKey, String amount, Long units) {
    }

    /** How many were accepted and refused, and each report's answer in the order sent. */
    public record OutcomesJson(int accepted, int refused, List<OutcomeJson> results) {
    }

    /** A report's answer: 201 with the accepted usage ({@code replayed} when its key was taken before), or a 4xx problem. */
    public record OutcomeJson(String agreementId, String idempotencyKey, int status, Boolean replayed,
                              Agreements.UsageAccepted usage, Problem problem) {
    }

    @POST
    public OutcomesJson report(UsageReportsJson body, @Context SecurityContext security) {
        Caller provider = Callers.require(security, Role.PROVIDER);
        AgreementsResource.Json.require(body, "a JSON body with reports: [{agreementId, idempotencyKey, amount or units}]");
        AgreementsResource.Json.require(body.reports(), "reports");
        if (body.reports().isEmpty() || body.reports().size() > UsageIntake.MAX_REPORTS) {
            throw new IllegalArgumentException("reports must have 1 to " + UsageIntake.MAX_REPORTS + " entries, not " + body.reports().size());
        }
        List<UsageIntake.Report> reports = new ArrayList<>();
        for (int i = 0; i < body.reports().size(); i++) {
            ReportJson each = body.reports().get(i);
            String field = "reports[" + i + "].";
            AgreementsResource.Json.require(each, field.substring(0, field.length() - 1));
            reports.add(new AgreementsResource.UsageJson(each.idempotencyKey(), each.amount(), each.units())
                    .report(AgreementsResource.Json.text(each.agreementId(), field + "agreementId"), field));
        }
        List<UsageIntake.Outcome> outcomes = usage.reportAll(provider, reports);
        List<OutcomeJson> results = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < reports.size(); i++) {
            UsageIntake.Report report = reports.get(i);
            UsageIntake.Outcome outcome = outcomes.get(i);
            if (outcome.refusal() == null) {
                accepted++;
                results.add(new OutcomeJson(report.agreementId(), report.idempotencyKey(), 201, outcome.replayed(), outcome.accepted(), null));
            } else {
                Problem problem = ProblemMapper.problemOf(outcome.refusal());
                results.add(new OutcomeJson(report.agreementId(), report.idempotencyKey(), problem.status(), null, null, problem));
            }
        }
        return new OutcomesJson(accepted, reports.size() - accepted, results);
    }
}
