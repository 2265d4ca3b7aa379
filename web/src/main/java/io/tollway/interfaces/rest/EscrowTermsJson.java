package io.tollway.interfaces.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.agreement.InvalidTerms;
import io.tollway.domain.model.offering.OfferingTerms;

import java.math.BigDecimal;

import static io.tollway.interfaces.rest.TermValues.amount;
import static io.tollway.interfaces.rest.TermValues.count;
import static io.tollway.interfaces.rest.TermValues.decimal;
import static io.tollway.interfaces.rest.TermValues.number;

/**
 * Escrow terms as the API reads and shows them: amounts as decimal strings in the token's smallest
 * unit. {@code lockupSeconds} and {@code uptimeArbitration} are optional (0 and false), like the
 * features they switch on; the fees are required, so nobody sells for free by omission.
 */
@Schema(description = "Escrow terms; amounts are decimal strings in the token's smallest unit")
public record EscrowTermsJson(
        @Schema(type = "string", pattern = "^[0-9]{1,78}$", example = "1000", description = "charged once at activation")
        String setupFee,
        @Schema(type = "string", pattern = "^[0-9]{1,78}$", example = "3600", description = "more than 0")
        String baseFeePerHour,
        @Schema(type = "string", pattern = "^[0-9]{1,78}$", example = "7200", description = "cap on usage charges per hour")
        String variableFeePerHour,
        @Schema(type = "integer", format = "int64", example = "0", description = "notice period paid after a stop; default 0")
        BigDecimal lockupSeconds,
        @Schema(description = "an uptime arbiter scales the base fee; default false")
        Boolean uptimeArbitration) {

    static EscrowTermsJson of(OfferingTerms.Escrow escrow) {
        EscrowTerms terms = escrow.terms();
        return new EscrowTermsJson(decimal(terms.setupFee()), decimal(terms.baseFeePerHour()),
                decimal(terms.variableFeePerHour()), number(terms.lockupSeconds()), escrow.uptimeArbitration());
    }

    /** @throws io.tollway.domain.model.agreement.InvalidTerms naming the first field that is missing, unreadable or nonsense */
    OfferingTerms.Escrow toTerms() {
        EscrowTerms terms = new EscrowTerms(amount("setupFee", setupFee), amount("baseFeePerHour", baseFeePerHour),
                amount("variableFeePerHour", variableFeePerHour),
                lockupSeconds == null ? 0 : count("lockupSeconds", lockupSeconds));
        return new OfferingTerms.Escrow(terms, Boolean.TRUE.equals(uptimeArbitration));
    }

    /**
     * An agreement's new terms. Agreements have no uptime arbiter yet (their escrow is set up
     * without one), so asking for one is refused rather than silently dropped.
     *
     * @throws io.tollway.domain.model.agreement.InvalidTerms naming the first field that is wrong
     */
    EscrowTerms toAgreementTerms() {
        EscrowTerms terms = toTerms().terms();
        if (Boolean.TRUE.equals(uptimeArbitration)) {
            throw new InvalidTerms("uptimeArbitration must be false or left out: agreements have no uptime arbiter yet");
        }
        return terms;
    }
}
