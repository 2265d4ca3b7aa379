package io.tollway.wallet;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One transaction for the wallet to sign and send: what it is for, the contract, the ABI-encoded call
 * ({@code 0x}-hex) and the ether sent along (always 0 for Tollway's calls). The API hands these over
 * in an agreement's {@code wallet.calls}.
 */
public record WalletCall(String purpose, String to, String data, BigInteger value) {

    public WalletCall {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(data, "data");
        purpose = purpose == null ? "" : purpose;
        value = value == null ? BigInteger.ZERO : value;
    }

    /** A call as the API shows it: {@code {purpose, to, data, value}}, the value a decimal string. */
    public static WalletCall of(JsonNode call) {
        String to = call.path("to").asText(null);
        String data = call.path("data").asText(null);
        if (to == null || data == null) {
            throw new IllegalArgumentException("a wallet call needs to and data: " + call);
        }
        String value = call.path("value").asText("0");
        return new WalletCall(call.path("purpose").asText(""), to, data, new BigInteger(value.isEmpty() ? "0" : value));
    }

    /** The calls of an agreement's {@code wallet} object; none when it has no wallet or no calls. */
    public static List<WalletCall> listOf(JsonNode wallet) {
        List<WalletCall> calls = new ArrayList<>();
        if (wallet != null) {
            wallet.path("calls").forEach(call -> calls.add(of(call)));
        }
        return calls;
    }
}
