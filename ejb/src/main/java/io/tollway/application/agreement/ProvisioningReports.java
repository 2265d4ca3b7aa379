package io.tollway.application.agreement;

import io.tollway.domain.model.agreement.ProviderCommandKind;

/**
 * The provider's answer to a command Tollway sent to its service controller: the command is
 * delivered by the webhook and acknowledged at once, the outcome arrives later through here (from
 * the API, or directly from the built-in demo provider). Reports must be idempotent: a provider
 * may repeat one, and one may arrive before the process has started waiting for it.
 */
public interface ProvisioningReports {

    /**
     * @param agreementId       the agreement the command was for
     * @param providerId        who reports; it must be the provider of the agreement's offering
     * @param command           which command this answers
     * @param succeeded         whether the provider carried it out
     * @param credentialsOrNull for a successful PROVISION, the consumer's credentials in plain text
     *                          (Tollway seals them to the consumer's key and never stores them in
     *                          clear); null otherwise
     * @param message           a short human-readable note, shown in the console
     */
    void report(String agreementId, String providerId, ProviderCommandKind command, boolean succeeded,
                String credentialsOrNull, String message);
}
