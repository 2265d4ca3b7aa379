package io.tollway.wallet;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A payment-channel agreement's channel as the API shows it ({@code channel} of the agreement
 * view): what the wallet needs to sign cheques for it (its key) and to call the contract about it
 * (agent, opening block and offering; the contract adds the consumer from the sender), with the
 * figures that decide which step makes sense now.
 *
 * @param claimedAtClose the balance the consumer's uncooperative close claimed, once the chain told Tollway; null before
 * @param closedAt       the balance the channel was closed or settled at on chain; null while it is open
 */
public record PaymentChannel(String key, String agent, long openBlock, String offeringHash, BigInteger deposit,
                             BigInteger bestCheque, BigInteger claimedAtClose, BigInteger closedAt) {

    /** Whether the agreement is a payment-channel one ({@code settlementModel} CHANNEL). */
    public static boolean isChannelAgreement(JsonNode agreement) {
        return "CHANNEL".equals(agreement.path("settlementModel").asText());
    }

    /** The agreement's channel, if the consumer opened one (the chain announced it to Tollway). */
    public static Optional<PaymentChannel> in(JsonNode agreement) {
        JsonNode channel = agreement.get("channel");
        if (channel == null || !channel.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new PaymentChannel(text(channel, "key"), text(channel, "agent"), channel.path("openBlock").asLong(),
                text(channel, "offeringHash"), amount(channel, "deposit"), amount(channel, "bestCheque"),
                optionalAmount(channel, "claimedAtClose"), optionalAmount(channel, "closedAt")));
    }

    /** The agreement's channel; {@link NotPossibleNow} when there is none yet, {@link IllegalArgumentException} for an escrow agreement. */
    public static PaymentChannel of(JsonNode agreement) {
        String id = agreement.path("id").asText();
        if (!isChannelAgreement(agreement)) {
            throw new IllegalArgumentException("agreement " + id + " settles by " + agreement.path("settlementModel").asText("escrow")
                    + ": it has no payment channel");
        }
        return in(agreement).orElseThrow(() -> new NotPossibleNow("agreement " + id + " is " + agreement.path("status").asText()
                + " and has no channel yet (it opens with tollway-wallet deposit " + id + ")"));
    }

    public boolean isClosed() {
        return closedAt != null;
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalStateException("the API's channel has no " + field + ": " + node);
        }
        return value;
    }

    private static BigInteger amount(JsonNode node, String field) {
        return new BigInteger(text(node, field));
    }

    private static BigInteger optionalAmount(JsonNode node, String field) {
        return node.hasNonNull(field) ? amount(node, field) : null;
    }
}
