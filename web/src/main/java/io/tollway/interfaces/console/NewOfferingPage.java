package io.tollway.interfaces.console;

import io.tollway.application.console.OfferingAdministration;
import io.tollway.application.offering.OfferingView;
import io.tollway.application.offering.SubmitOffering;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.domain.model.offering.OfferingTerms;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.math.BigInteger;

/**
 * An admin submits an offering for a provider: the terms of its model, checked by the domain
 * (a refusal names the field), then the same review as one the provider submits.
 */
@Named
@RequestScoped
public class NewOfferingPage {

    @EJB
    private OfferingAdministration administration;
    @Inject
    private ConsoleCaller caller;

    private String providerId;
    private String name;
    private String model = "ESCROW";
    // escrow
    private String setupFee = "1000";
    private String baseFeePerHour = "36000";
    private String variableFeePerHour = "72000";
    private String lockupSeconds = "3600";
    private boolean uptimeArbitration;
    // payment channel
    private String unitName = "MB";
    private String unitPrice = "10";
    private String setupPrice = "0";
    private String minUnits = "10";
    private String maxUnits = "100000";
    private String maxBillingUnitLag = "50";
    private String maxInactiveSeconds = "3600";
    private String maxSuspendSeconds = "3600";
    private String supply = "10";

    public String submit() {
        if (!caller.isAdmin()) {
            ConsoleMessages.error("Only an admin may do that.");
            return null;
        }
        try {
            OfferingView offering = administration.submit(caller.actor(), new SubmitOffering(required(providerId, "provider"),
                    required(name, "name"), terms()));
            ConsoleMessages.info("Submitted: the offering is in review.");
            return "/console/offering.xhtml?faces-redirect=true&id=" + offering.id();
        } catch (IllegalArgumentException refused) { // InvalidTerms too: the domain names the field
            ConsoleMessages.error(refused.getMessage());
            return null;
        }
    }

    private OfferingTerms terms() {
        if ("CHANNEL".equals(model)) {
            return new OfferingTerms.Channel(new ChannelTerms(unitName, amount(unitPrice, "unitPrice"), amount(setupPrice, "setupPrice"),
                    count(minUnits, "minUnits"), count(maxUnits, "maxUnits"), count(maxBillingUnitLag, "maxBillingUnitLag"),
                    count(maxInactiveSeconds, "maxInactiveSeconds"), count(maxSuspendSeconds, "maxSuspendSeconds"),
                    Math.toIntExact(count(supply, "supply"))));
        }
        return new OfferingTerms.Escrow(new EscrowTerms(amount(setupFee, "setupFee"), amount(baseFeePerHour, "baseFeePerHour"),
                amount(variableFeePerHour, "variableFeePerHour"), count(lockupSeconds, "lockupSeconds")), uptimeArbitration);
    }

    static BigInteger amount(String text, String field) {
        try {
            return new BigInteger(required(text, field));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number of the token's smallest unit, was \"" + text + "\"");
        }
    }

    static long count(String text, String field) {
        try {
            return Long.parseLong(required(text, field));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, was \"" + text + "\"");
        }
    }

    static String required(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return text.strip();
    }

    public String getProviderId() { return providerId; }
    public void setProviderId(String providerId) { this.providerId = providerId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public String getSetupFee() { return setupFee; }
    public void setSetupFee(String setupFee) { this.setupFee = setupFee; }
    public String getBaseFeePerHour() { return baseFeePerHour; }
    public void setBaseFeePerHour(String baseFeePerHour) { this.baseFeePerHour = baseFeePerHour; }
    public String getVariableFeePerHour() { return variableFeePerHour; }
    public void setVariableFeePerHour(String variableFeePerHour) { this.variableFeePerHour = variableFeePerHour; }
    public String getLockupSeconds() { return lockupSeconds; }
    public void setLockupSeconds(String lockupSeconds) { this.lockupSeconds = lockupSeconds; }
    public boolean isUptimeArbitration() { return uptimeArbitration; }
    public void setUptimeArbitration(boolean uptimeArbitration) { this.uptimeArbitration = uptimeArbitration; }
    public String getUnitName() { return unitName; }
    public void setUnitName(String unitName) { this.unitName = unitName; }
    public String getUnitPrice() { return unitPrice; }
    public void setUnitPrice(String unitPrice) { this.unitPrice = unitPrice; }
    public String getSetupPrice() { return setupPrice; }
    public void setSetupPrice(String setupPrice) { this.setupPrice = setupPrice; }
    public String getMinUnits() { return minUnits; }
    public void setMinUnits(String minUnits) { this.minUnits = minUnits; }
    public String getMaxUnits() { return maxUnits; }
    public void setMaxUnits(String maxUnits) { this.maxUnits = maxUnits; }
    public String getMaxBillingUnitLag() { return maxBillingUnitLag; }
    public void setMaxBillingUnitLag(String maxBillingUnitLag) { this.maxBillingUnitLag = maxBillingUnitLag; }
    public String getMaxInactiveSeconds() { return maxInactiveSeconds; }
    public void setMaxInactiveSeconds(String maxInactiveSeconds) { this.maxInactiveSeconds = maxInactiveSeconds; }
    public String getMaxSuspendSeconds() { return maxSuspendSeconds; }
    public void setMaxSuspendSeconds(String maxSuspendSeconds) { this.maxSuspendSeconds = maxSuspendSeconds; }
    public String getSupply() { return supply; }
    public void setSupply(String supply) { this.supply = supply; }
}
