package io.tollway.application.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollway.domain.model.Sha256;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.channel.ChannelTerms;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agreement's terms as kept with it: a JSON copy of the offering's terms at request time (so a
 * later change of the offering never changes a running agreement) and its hash, which approvals name.
 */
public final class AgreementTermsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AgreementTermsJson() {
    }

    public static String of(EscrowTerms terms) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("setupFee", terms.setupFee().toString());
        fields.put("baseFeePerHour", terms.baseFeePerHour().toString());
        fields.put("variableFeePerHour", terms.variableFeePerHour().toString());
        fields.put("lockupSeconds", terms.lockupSeconds());
        return write(fields);
    }

    public static String of(ChannelTerms terms) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("unitName", terms.unitName());
        fields.put("unitPrice", terms.unitPrice().toString());
        fields.put("setupPrice", terms.setupPrice().toString());
        fields.put("minUnits", terms.minUnits());
        fields.put("maxUnits", terms.maxUnits());
        fields.put("maxBillingUnitLag", terms.maxBillingUnitLag());
        fields.put("maxInactiveSeconds", terms.maxInactiveSeconds());
        fields.put("maxSuspendSeconds", terms.maxSuspendSeconds());
        fields.put("supply", terms.supply());
        return write(fields);
    }

    public static ChannelTerms channel(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new ChannelTerms(node.get("unitName").asText(), new BigInteger(node.get("unitPrice").asText()),
                    new BigInteger(node.get("setupPrice").asText()), node.get("minUnits").asLong(), node.get("maxUnits").asLong(),
                    node.get("maxBillingUnitLag").asLong(), node.get("maxInactiveSeconds").asLong(),
                    node.get("maxSuspendSeconds").asLong(), node.get("supply").asInt());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("stored channel terms are not readable: " + json, e);
        }
    }

    /**
     * The hash {@code PaymentChannels} knows a channel offering by: the offering and the terms it
     * was agreed on, so every agreement on one offering opens its channel on the same registration.
     */
    public static String channelOfferingHash(String offeringId, String termsHash) {
        return "0x" + Sha256.hex("tollway:channel-offering:" + offeringId + ":" + termsHash);
    }

    private static String write(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("terms cannot be written as JSON", e);
        }
    }

    public static EscrowTerms escrow(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new EscrowTerms(new BigInteger(node.get("setupFee").asText()), new BigInteger(node.get("baseFeePerHour").asText()),
                    new BigInteger(node.get("variableFeePerHour").asText()), node.get("lockupSeconds").asLong());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("stored escrow terms are not readable: " + json, e);
        }
    }

    /** 0x-hex SHA-256 of the JSON text. */
    public static String hash(String json) {
        return "0x" + Sha256.hex(json);
    }
}
