package io.tollway.process.agreement;

import io.tollway.infrastructure.config.TollwayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Duration;

/**
 * The durations the agreement processes read as {@code ${agreementTimes.…}}, from the settings
 * {@code tollway.agreement.<name>} (ISO-8601), so an operator tunes them without touching a model.
 */
@Named("agreementTimes")
@ApplicationScoped
public class AgreementTimes {

    @Inject
    TollwayConfig config;

    private String setting(String name, String fallback) {
        String value = config.setting("tollway.agreement." + name);
        return value == null ? fallback : value;
    }

    /** How often a wait looks at the chain or the provider again, in case an announcement came before the wait. */
    public String getRecheck() {
        return setting("recheck", "PT1M");
    }

    public String getApprovalEscalation() {
        return setting("approval-escalation", "P2D");
    }

    public Duration approvalTimeout() {
        return Duration.parse(setting("approval-timeout", "P14D"));
    }

    public Duration depositTimeout() {
        return Duration.parse(setting("deposit-timeout", "P1D"));
    }

    public Duration provisioningTimeout() {
        return Duration.parse(setting("provisioning-timeout", "PT1H"));
    }

    public Duration suspensionGrace() {
        return Duration.parse(setting("suspension-grace", "P1D"));
    }

    /** Shorter than an hour, so the contract never drops billable time (a bill covers at most one hour). */
    public String getBillingInterval() {
        return setting("billing-interval", "PT15M");
    }

    /** Retries of chain and webhook steps, with back-off; the last failure becomes an incident. */
    public String getRetryCycle() {
        return setting("retry-cycle", "PT10S,PT30S,PT2M,PT10M,PT30M");
    }
}
