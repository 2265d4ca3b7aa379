package io.tollway.interfaces.console;

import io.tollway.application.offering.OfferingCatalog;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.agreement.TermsSimulation;
import io.tollway.domain.model.offering.OfferingTerms;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.math.BigDecimal;
import java.math.BigInteger;

import static io.tollway.interfaces.console.NewOfferingPage.amount;
import static io.tollway.interfaces.console.NewOfferingPage.count;

/**
 * The terms simulator: an offering's escrow terms, a deposit schedule, the provider's usage and
 * withdrawal policy, and both parties' balances over the agreement's life as a chart, computed by
 * {@link TermsSimulation} with the contract's own formula. Pure computation: nothing is stored.
 */
@Named
@RequestScoped
public class SimulatorPage {

    @EJB
    private OfferingCatalog catalog;

    private String offering;
    private String setupFee = "1000";
    private String baseFeePerHour = "36000";
    private String variableFeePerHour = "72000";
    private String lockupSeconds = "3600";
    private String firstDeposit = "300000";
    private String topUp = "250000";
    private String topUpEveryHours = "4";
    private String usagePerHour = "20000";
    private String withdrawEveryHours = "0";
    private String withdrawAtLeast = "100000";
    private String hours = "48";
    private String billEveryMinutes = "15";

    private TermsSimulation.Result result;
    private String chartJson;

    /** On GET: the named offering's terms (if any) with the default schedule, simulated at once. */
    public void load() {
        if (offering != null && !offering.isBlank()) {
            catalog.find(offering).map(o -> o.terms()).filter(t -> t instanceof OfferingTerms.Escrow)
                    .map(t -> ((OfferingTerms.Escrow) t).terms()).ifPresentOrElse(this::prefill,
                            () -> ConsoleMessages.error("Offering " + offering + " has no escrow terms to simulate."));
        }
        simulate();
    }

    private void prefill(EscrowTerms terms) {
        setupFee = terms.setupFee().toString();
        baseFeePerHour = terms.baseFeePerHour().toString();
        variableFeePerHour = terms.variableFeePerHour().toString();
        lockupSeconds = Long.toString(terms.lockupSeconds());
    }

    public String simulate() {
        try {
            EscrowTerms terms = new EscrowTerms(amount(setupFee, "setupFee"), amount(baseFeePerHour, "baseFeePerHour"),
                    amount(variableFeePerHour, "variableFeePerHour"), count(lockupSeconds, "lockupSeconds"));
            result = TermsSimulation.run(terms,
                    new TermsSimulation.Deposits(amount(firstDeposit, "first deposit"), amount(topUp, "top-up"),
                            count(topUpEveryHours, "top-up interval")),
                    amount(usagePerHour, "usage per hour"),
                    new TermsSimulation.Withdrawals(count(withdrawEveryHours, "withdrawal interval"), amount(withdrawAtLeast, "withdrawal threshold")),
                    count(hours, "hours"), count(billEveryMinutes, "billing interval"));
            chartJson = chart(result);
        } catch (IllegalArgumentException refused) { // InvalidTerms too: the domain names the field
            result = null;
            chartJson = null;
            ConsoleMessages.error(refused.getMessage());
        }
        return null;
    }

    /** x in hours; the four balances of both parties. */
    private static String chart(TermsSimulation.Result result) {
        JsonArrayBuilder steps = Json.createArrayBuilder();
        for (TermsSimulation.Step step : result.steps()) {
            steps.add(Json.createObjectBuilder()
                    .add("t", BigDecimal.valueOf(step.minute()).divide(BigDecimal.valueOf(60), 3, java.math.RoundingMode.HALF_UP))
                    .add("consumer", new BigDecimal(step.consumerBalance()))
                    .add("deposited", new BigDecimal(step.consumerDeposited()))
                    .add("provider", new BigDecimal(step.providerBalance()))
                    .add("withdrawn", new BigDecimal(step.providerWithdrawn())));
        }
        return Json.createObjectBuilder().add("steps", steps).build().toString();
    }

    public TermsSimulation.Result getResult() { return result; }
    public String getChartJson() { return chartJson; }
    public String getEndedAtHours() {
        return result == null ? "" : BigDecimal.valueOf(result.endedAtMinute()).divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    public String getOffering() { return offering; }
    public void setOffering(String offering) { this.offering = offering; }
    public String getSetupFee() { return setupFee; }
    public void setSetupFee(String v) { this.setupFee = v; }
    public String getBaseFeePerHour() { return baseFeePerHour; }
    public void setBaseFeePerHour(String v) { this.baseFeePerHour = v; }
    public String getVariableFeePerHour() { return variableFeePerHour; }
    public void setVariableFeePerHour(String v) { this.variableFeePerHour = v; }
    public String getLockupSeconds() { return lockupSeconds; }
    public void setLockupSeconds(String v) { this.lockupSeconds = v; }
    public String getFirstDeposit() { return firstDeposit; }
    public void setFirstDeposit(String v) { this.firstDeposit = v; }
    public String getTopUp() { return topUp; }
    public void setTopUp(String v) { this.topUp = v; }
    public String getTopUpEveryHours() { return topUpEveryHours; }
    public void setTopUpEveryHours(String v) { this.topUpEveryHours = v; }
    public String getUsagePerHour() { return usagePerHour; }
    public void setUsagePerHour(String v) { this.usagePerHour = v; }
    public String getWithdrawEveryHours() { return withdrawEveryHours; }
    public void setWithdrawEveryHours(String v) { this.withdrawEveryHours = v; }
    public String getWithdrawAtLeast() { return withdrawAtLeast; }
    public void setWithdrawAtLeast(String v) { this.withdrawAtLeast = v; }
    public String getHours() { return hours; }
    public void setHours(String v) { this.hours = v; }
    public String getBillEveryMinutes() { return billEveryMinutes; }
    public void setBillEveryMinutes(String v) { this.billEveryMinutes = v; }
}
