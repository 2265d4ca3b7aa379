package io.tollway.application.console;

import io.tollway.domain.model.agreement.AgreementStatus;
import io.tollway.domain.model.offering.SettlementModel;

import java.util.Arrays;
import java.util.Locale;

/**
 * The console's agreement filters; blank means any. {@code search} matches the start of the
 * agreement's id, the consumer's address or the escrow's id on chain, or part of the offering's name.
 */
public record AgreementFilter(String status, String settlementModel, String providerId, String consumerId, String search) {

    public AgreementFilter {
        status = blankToNull(status);
        settlementModel = blankToNull(settlementModel);
        providerId = blankToNull(providerId);
        consumerId = blankToNull(consumerId);
        search = blankToNull(search);
        requireOneOf(status, AgreementStatus.values(), "agreement status");
        requireOneOf(settlementModel, SettlementModel.values(), "settlement model");
    }

    public static AgreementFilter none() {
        return new AgreementFilter(null, null, null, null, null);
    }

    private static void requireOneOf(String name, Enum<?>[] values, String what) {
        if (name != null && Arrays.stream(values).noneMatch(v -> v.name().equals(name))) {
            throw new IllegalArgumentException("no " + what + " " + name);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The search as a LIKE pattern: its own % and _ match themselves. */
    String searchPattern(boolean anywhere) {
        String escaped = search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return (anywhere ? "%" : "") + escaped + "%";
    }
}
