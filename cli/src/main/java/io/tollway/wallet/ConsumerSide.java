package io.tollway.wallet;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The consumer's steps through an agreement, each made of API calls and the wallet's own
 * transactions: request, approve (the API records the decision and names the chain call; the
 * wallet sends it), deposit or top up, open the credentials, and mint test tokens on a development
 * chain. Agreements are passed as the JSON the API shows them; nothing here prints.
 */
public final class ConsumerSide {

    private final ApiClient api;
    private final ChainWallet wallet;

    public ConsumerSide(ApiClient api, ChainWallet wallet) {
        this.api = api;
        this.wallet = wallet;
    }

    public ApiClient api() {
        return api;
    }

    public ChainWallet wallet() {
        return wallet;
    }

    /** The answer of an approval: the agreement as the API showed it then, and the transactions the wallet sent. */
    public record Approval(JsonNode agreement, List<SentCall> sent) {
    }

    /** Requests an agreement on the offering for this wallet's address and key; the new agreement. */
    public JsonNode request(String offeringId) {
        return api.requestAgreement(offeringId, wallet.address(), wallet.publicKeyHex());
    }

    public Approval approve(String agreementId) {
        return approve(api.agreement(agreementId, false));
    }

    /**
     * Approves the agreement's current terms (by their hash) through the API, then sends the
     * approval call(s) the answer names. When the API already has this consumer's approval (a
     * second try after a failed send), only the calls are sent.
     */
    public Approval approve(JsonNode agreement) {
        String id = text(agreement, "id");
        JsonNode answer = agreement.path("consumerApproved").asBoolean(false) ? agreement
                : api.approve(id, text(agreement, "termsHash"));
        List<WalletCall> calls = WalletCall.listOf(answer.get("wallet")).stream()
                .filter(call -> call.purpose().startsWith("approve")).toList();
        if (calls.isEmpty()) {
            throw new NotPossibleNow("agreement " + id + " is " + answer.path("status").asText()
                    + " and offers no approval call to send" + (answer.path("onChainId").isNull() ? " (it is not on chain yet)" : ""));
        }
        return new Approval(answer, wallet.sendAll(calls, chainId(answer)));
    }

    public List<SentCall> deposit(String agreementId, BigInteger amountOrNull) {
        return deposit(api.agreement(agreementId, false), amountOrNull);
    }

    /**
     * Lets the escrow take the tokens (ERC-20 {@code approve}) and deposits them: the first deposit
     * while AWAITING_DEPOSIT (the amount the API offers, or {@code amountOrNull} if at least that), a
     * top-up of {@code amountOrNull} while ACTIVE or SUSPENDED.
     */
    public List<SentCall> deposit(JsonNode agreement, BigInteger amountOrNull) {
        return wallet.sendAll(depositCalls(agreement, amountOrNull), chainId(agreement));
    }

    /** The two calls of a deposit (see {@link #deposit(JsonNode, BigInteger)}), without sending them. */
    public static List<WalletCall> depositCalls(JsonNode agreement, BigInteger amountOrNull) {
        String id = text(agreement, "id");
        String status = agreement.path("status").asText();
        JsonNode walletNode = agreement.get("wallet");
        if (walletNode == null || walletNode.isNull() || agreement.path("onChainId").isNull()) {
            throw new NotPossibleNow("agreement " + id + " is " + status + " and not on chain yet: nothing to deposit into");
        }
        String escrow = text(walletNode, "escrow");
        String token = text(walletNode, "token");
        BigInteger onChainId = new BigInteger(text(agreement, "onChainId"));
        switch (status) {
            case "AWAITING_DEPOSIT" -> {
                List<WalletCall> offered = WalletCall.listOf(walletNode);
                Optional<WalletCall> allow = offered.stream().filter(c -> c.purpose().startsWith("allow")).findFirst();
                Optional<WalletCall> deposit = offered.stream().filter(c -> c.purpose().startsWith("deposit")).findFirst();
                if (amountOrNull == null) {
                    if (allow.isEmpty() || deposit.isEmpty()) {
                        throw new NotPossibleNow("agreement " + id + " offers no deposit calls; give the amount to deposit");
                    }
                    return List.of(allow.get(), deposit.get());
                }
                BigInteger minimum = deposit.map(WalletCalls::lastUint256).orElse(BigInteger.ONE);
                if (amountOrNull.compareTo(minimum) < 0) {
                    throw new IllegalArgumentException("the first deposit of agreement " + id + " must be at least " + minimum);
                }
                return List.of(WalletCalls.allowDeposits(token, escrow, amountOrNull),
                        WalletCalls.deposit(WalletCalls.DEPOSIT, escrow, onChainId, amountOrNull));
            }
            case "ACTIVE", "SUSPENDED" -> {
                if (amountOrNull == null) {
                    throw new IllegalArgumentException("agreement " + id + " is " + status + ": a top-up needs the amount");
                }
                return List.of(WalletCalls.allowDeposits(token, escrow, amountOrNull),
                        WalletCalls.deposit(WalletCalls.TOP_UP, escrow, onChainId, amountOrNull));
            }
            default -> throw new NotPossibleNow("agreement " + id + " is " + status
                    + ": deposits are taken while AWAITING_DEPOSIT, top-ups while ACTIVE or SUSPENDED");
        }
    }

    public String credentials(String agreementId) {
        return credentials(api.agreement(agreementId, false));
    }

    /** The provider's credentials, sealed to this wallet's key by Tollway, opened here (UTF-8). */
    public String credentials(JsonNode agreement) {
        JsonNode sealed = agreement.get("sealedCredentials");
        if (sealed == null || sealed.isNull() || sealed.asText().isBlank()) {
            throw new NotPossibleNow("agreement " + text(agreement, "id") + " has no credentials yet (status "
                    + agreement.path("status").asText() + ", provisioning " + agreement.path("provisioning").path("state").asText("none") + ")");
        }
        return new String(wallet.unseal(sealed.asText()), StandardCharsets.UTF_8);
    }

    /** Mints test tokens to this wallet: only where the deployment has a {@code TestToken} (development chains). */
    public SentCall mint(BigInteger amount) {
        JsonNode chain = api.chain();
        String token = chain.path("contracts").path("TestToken").asText(null);
        if (token == null) {
            throw new NotPossibleNow("this deployment has no TestToken: minting is for development chains only");
        }
        WalletCall call = WalletCalls.mint(token, wallet.address(), amount);
        return new SentCall(call, wallet.send(call, chain.path("chainId").asLong()));
    }

    private static long chainId(JsonNode agreement) {
        JsonNode chainId = agreement.path("wallet").path("chainId");
        if (!chainId.canConvertToLong()) {
            throw new NotPossibleNow("agreement " + agreement.path("id").asText() + " names no chain for its wallet calls");
        }
        return chainId.asLong();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalStateException("the API's answer has no " + field + ": " + node);
        }
        return value.asText();
    }
}
