package io.tollway.interfaces.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tollway.application.offering.SubmitOffering;
import io.tollway.domain.model.agreement.InvalidTerms;
import io.tollway.domain.model.offering.OfferingTerms;
import io.tollway.domain.model.offering.SettlementModel;

import java.util.Arrays;
import java.util.Locale;

/**
 * The body of a provider's new offering: the settlement model and that model's terms, under
 * {@code escrow} or {@code channel}. Terms of the other model are refused rather than ignored, so
 * a client that mixed them up learns it now and not when its first agreement is priced.
 */
@Schema(description = "A new offering: escrow terms when settlementModel is ESCROW, channel terms when it is CHANNEL, never both")
public record SubmitOfferingJson(String providerId, String name,
                                 @Schema(allowableValues = {"ESCROW", "CHANNEL"}) String settlementModel,
                                 EscrowTermsJson escrow, ChannelTermsJson channel) {

    /**
     * @throws InvalidTerms when the model's terms are missing, the other model's are present, or a value is wrong
     * @throws IllegalArgumentException when the settlement model is missing or unknown
     */
    SubmitOffering toCommand() {
        return new SubmitOffering(providerId, name, terms(model()));
    }

    private SettlementModel model() {
        if (settlementModel == null) {
            throw new IllegalArgumentException("settlementModel is required: one of " + Arrays.toString(SettlementModel.values()));
        }
        try {
            return SettlementModel.valueOf(settlementModel.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("settlementModel must be one of " + Arrays.toString(SettlementModel.values()));
        }
    }

    private OfferingTerms terms(SettlementModel model) {
        return switch (model) {
            case ESCROW -> {
                refuse(channel, "channel", model);
                yield require(escrow, "escrow", model).toTerms();
            }
            case CHANNEL -> {
                refuse(escrow, "escrow", model);
                yield require(channel, "channel", model).toTerms();
            }
        };
    }

    private static <T> T require(T terms, String field, SettlementModel model) {
        if (terms == null) {
            throw new InvalidTerms(field + " is required: an offering with settlementModel " + model + " needs its terms");
        }
        return terms;
    }

    private static void refuse(Object terms, String field, SettlementModel model) {
        if (terms != null) {
            throw new InvalidTerms(field + " must be absent: those are the terms of another settlement model than " + model);
        }
    }
}
