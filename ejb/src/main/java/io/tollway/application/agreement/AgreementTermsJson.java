package io.tollway.application.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollway.domain.model.Sha256;
import io.tollway.domain.model.agreement.EscrowTerms;

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
