package io.tollway.interfaces.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.domain.model.offering.OfferingTerms;

import java.math.BigDecimal;

import static io.tollway.interfaces.rest.TermValues.amount;
import static io.tollway.interfaces.rest.TermValues.count;
import static io.tollway.interfaces.rest.TermValues.decimal;
import static io.tollway.interfaces.rest.TermValues.number;
import static io.tollway.interfaces.rest.TermValues.required;
import static io.tollway.interfaces.rest.TermValues.smallCount;

/**
 * Payment-channel terms as the API reads and shows them: prices as decimal strings in the token's
 * smallest unit, counts and seconds as JSON numbers. Every field is required.
 */
@Schema(description = "Payment-channel terms; prices are decimal strings in the token's smallest unit")
public record ChannelTermsJson(
        @Schema(example = "MB", maxLength = 64) String unitName,
        @Schema(type = "string", pattern = "^[0-9]{1,78}$", example = "10", description = "more than 0") String unitPrice,
        @Schema(type = "string", pattern = "^[0-9]{1,78}$", example = "0") String setupPrice,
        @Schema(type = "integer", format = "int64", example = "10", description = "1 or more") BigDecimal minUnits,
        @Schema(type = "integer", format = "int64", example = "100000", description = "at least minUnits") BigDecimal maxUnits,
        @Schema(type = "integer", format = "int64", example = "50", description = "0 or more") BigDecimal maxBillingUnitLag,
        @Schema(type = "integer", format = "int64", example = "3600", description = "more than 0") BigDecimal maxInactiveSeconds,
        @Schema(type = "integer", format = "int64", example = "3600", description = "more than 0") BigDecimal maxSuspendSeconds,
        @Schema(type = "integer", format = "int32", example = "10", description = "1 to 65535") BigDecimal supply) {

    static ChannelTermsJson of(OfferingTerms.Channel channel) {
        ChannelTerms terms = channel.terms();
        return new ChannelTermsJson(terms.unitName(), decimal(terms.unitPrice()), decimal(terms.setupPrice()),
                number(terms.minUnits()), number(terms.maxUnits()), number(terms.maxBillingUnitLag()),
                number(terms.maxInactiveSeconds()), number(terms.maxSuspendSeconds()), number(terms.supply()));
    }

    /** @throws io.tollway.domain.model.agreement.InvalidTerms naming the first field that is missing, unreadable or nonsense */
    OfferingTerms.Channel toTerms() {
        return new OfferingTerms.Channel(new ChannelTerms(required("unitName", unitName),
                amount("unitPrice", unitPrice), amount("setupPrice", setupPrice),
                count("minUnits", minUnits), count("maxUnits", maxUnits),
                count("maxBillingUnitLag", maxBillingUnitLag), count("maxInactiveSeconds", maxInactiveSeconds),
                count("maxSuspendSeconds", maxSuspendSeconds), smallCount("supply", supply)));
    }
}
