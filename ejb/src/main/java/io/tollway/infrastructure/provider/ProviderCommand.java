package io.tollway.infrastructure.provider;

import io.tollway.domain.model.agreement.ProviderCommandKind;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

/**
 * One command to a provider's service controller, as the JSON body of a webhook call:
 * <pre>{"agreementId":"…","command":"PROVISION","idempotencyKey":"…:PROVISION:1",
 *  "consumerAddress":"0x…","offeringId":"…","callbackPath":"/api/v1/agreements/…/provisioning"}</pre>
 * The idempotency key stays the same for every delivery of the same step, so a provider that
 * sees it twice (a retry after a lost answer) does the work once.
 */
public record ProviderCommand(String agreementId, ProviderCommandKind command, String idempotencyKey,
                              String consumerAddress, String offeringId, String callbackPath) {

    public ProviderCommand {
        require(agreementId, "agreementId");
        if (command == null) {
            throw new IllegalArgumentException("command is required");
        }
        require(idempotencyKey, "idempotencyKey");
        require(consumerAddress, "consumerAddress");
        require(offeringId, "offeringId");
        require(callbackPath, "callbackPath");
    }

    /**
     * The command for one step of an agreement; {@code sequence} tells apart two commands of the
     * same kind in one agreement's life (the second suspension), and must be the same on a retry.
     */
    public static ProviderCommand of(String agreementId, ProviderCommandKind command, long sequence,
                                     String consumerAddress, String offeringId) {
        return new ProviderCommand(agreementId, command, agreementId + ":" + command + ":" + sequence,
                consumerAddress, offeringId, callbackPath(agreementId));
    }

    /** Where the provider reports the outcome, relative to Tollway's base URL. */
    public static String callbackPath(String agreementId) {
        return "/api/v1/agreements/" + agreementId + "/provisioning";
    }

    public String toJson() {
        return Json.createObjectBuilder()
                .add("agreementId", agreementId)
                .add("command", command.name())
                .add("idempotencyKey", idempotencyKey)
                .add("consumerAddress", consumerAddress)
                .add("offeringId", offeringId)
                .add("callbackPath", callbackPath)
                .build()
                .toString();
    }

    /** The command in a webhook body; IllegalArgumentException names what is wrong with it. */
    public static ProviderCommand fromJson(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            JsonObject json = reader.readObject();
            return new ProviderCommand(json.getString("agreementId", null),
                    kind(json.getString("command", "")),
                    json.getString("idempotencyKey", null), json.getString("consumerAddress", null),
                    json.getString("offeringId", null), json.getString("callbackPath", null));
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException("not a provider command: " + e.getMessage(), e);
        }
    }

    private static ProviderCommandKind kind(String name) {
        for (ProviderCommandKind kind : ProviderCommandKind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("command must be one of PROVISION, SUSPEND, RESUME, DEPROVISION");
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
