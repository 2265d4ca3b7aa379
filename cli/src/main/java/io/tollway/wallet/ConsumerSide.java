package io.tollway.wallet;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The consumer's steps through an agreement, each made of API calls and the wallet's own
 * transactions: request, approve (the API records the decision and names the chain call; the
 * wallet sends it), deposit or top up, open the credentials, and mint test tokens on a development
 * chain. For a payment-channel agreement also: sign cheques for what is owed, and leave the
 * channel without Tollway (close, settle, withdraw). Agreements are passed as the JSON the API
 * shows them; nothing here prints.
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
     * second try after a failed send), only the calls are sent. A payment-channel agreement has no
     * approval on chain: its approval sends nothing.
     */
    public Approval approve(JsonNode agreement) {
        String id = text(agreement, "id");
        JsonNode answer = agreement.path("consumerApproved").asBoolean(false) ? agreement
                : api.approve(id, text(agreement, "termsHash"));
        List<WalletCall> calls = WalletCall.listOf(answer.get("wallet")).stream()
                .filter(call -> call.purpose().startsWith("approve")).toList();
        if (calls.isEmpty() && PaymentChannel.isChannelAgreement(answer)) {
            return new Approval(answer, List.of()); // the parties' word binds a channel agreement: nothing on chain to approve
        }
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
     * Lets the contract take the tokens (ERC-20 {@code approve}) and deposits them: the first
     * deposit while AWAITING_DEPOSIT (the amount the API offers, or {@code amountOrNull} if at least
     * that) — into the escrow, or opening the payment channel — and a top-up of {@code amountOrNull}
     * while ACTIVE or SUSPENDED.
     */
    public List<SentCall> deposit(JsonNode agreement, BigInteger amountOrNull) {
        return wallet.sendAll(depositCalls(agreement, amountOrNull), chainId(agreement));
    }

    /** The two calls of a deposit (see {@link #deposit(JsonNode, BigInteger)}), without sending them. */
    public static List<WalletCall> depositCalls(JsonNode agreement, BigInteger amountOrNull) {
        return DepositCalls.of(agreement, amountOrNull);
    }

    public JsonNode cheque(String agreementId, BigInteger balanceOrNull) {
        return cheque(api.agreement(agreementId, false), balanceOrNull);
    }

    /**
     * Signs a cheque for the agreement's channel and hands it to Tollway: without a balance the one
     * the API asks for ({@code channel.nextCheque}, what is owed now), else for this cumulative
     * balance. Answers what the API accepted ({@code channelKey}, {@code balance}, {@code paid},
     * {@code unpaidUnits}, {@code receivedAt}); a refusal is an {@link ApiProblem} ({@code cheque-refused}).
     *
     * @throws NotPossibleNow when no balance is given and nothing is owed beyond the best cheque
     */
    public JsonNode cheque(JsonNode agreement, BigInteger balanceOrNull) {
        ChequeTypedData cheque = checkedCheque(agreement, balanceOrNull);
        return api.cheque(text(agreement, "id"), cheque.balance(), wallet.signTypedData(cheque.json()));
    }

    /**
     * The signature (0x r ‖ s ‖ v) of a cheque for {@code balance} on the agreement's channel, after
     * the same checks as {@link #cheque(JsonNode, BigInteger)}, without handing it over.
     */
    public String signCheque(JsonNode agreement, BigInteger balance) {
        Objects.requireNonNull(balance, "balance");
        return wallet.signTypedData(checkedCheque(agreement, balance).json());
    }

    /**
     * The cheque to sign: the API's next cheque, with {@code balanceOrNull} in place of its balance
     * if given (built here from the agreement when the API asks for none), checked to be for this
     * chain, this deployment's {@code PaymentChannels} and the agreement's channel.
     */
    private ChequeTypedData checkedCheque(JsonNode agreement, BigInteger balanceOrNull) {
        String id = text(agreement, "id");
        PaymentChannel channel = PaymentChannel.of(agreement);
        if (channel.isClosed()) {
            throw new NotPossibleNow("the channel of agreement " + id + " was closed at " + channel.closedAt() + ": cheques pay it no more");
        }
        JsonNode next = agreement.path("channel").get("nextCheque");
        boolean asked = next != null && next.isObject();
        ChequeTypedData cheque;
        if (balanceOrNull == null) {
            if (!asked) {
                throw new NotPossibleNow("agreement " + id + " owes nothing beyond its best cheque " + channel.bestCheque()
                        + "; give a balance to sign another");
            }
            cheque = ChequeTypedData.parse(next.path("typedData").asText());
            if (!cheque.balance().toString().equals(next.path("balance").asText())) {
                throw new IllegalStateException("refusing to sign the cheque: the API asks for " + next.path("balance").asText()
                        + " but its typed data says " + cheque.balance());
            }
        } else if (asked) {
            cheque = ChequeTypedData.parse(next.path("typedData").asText()).withBalance(balanceOrNull);
        } else {
            cheque = new ChequeTypedData(chainId(agreement), text(agreement.get("wallet"), "contract"), channel.key(), balanceOrNull);
        }
        cheque.checkFor(wallet.nodeChainId(), chainId(agreement), text(agreement.get("wallet"), "contract"), deployedChannels(),
                channel.key());
        return cheque;
    }

    /** The {@code PaymentChannels} of the deployment the API runs on, as {@code GET /chain} names it. */
    private String deployedChannels() {
        String channels = api.chain().path("contracts").path("PaymentChannels").asText("");
        if (channels.isBlank()) {
            throw new IllegalStateException("refusing to sign the cheque: the API's chain names no PaymentChannels contract");
        }
        return channels;
    }

    public SentCall closeChannel(String agreementId, BigInteger claimOrNull) {
        return closeChannel(api.agreement(agreementId, false), claimOrNull);
    }

    /**
     * The consumer's own way out, without Tollway: {@code uncooperativeClose} claiming {@code
     * claimOrNull} for the provider, or else the best cheque Tollway holds. The provider may still
     * close with a cheque of at least that balance during the challenge period; after it, {@link
     * #settleChannel(JsonNode)}.
     */
    public SentCall closeChannel(JsonNode agreement, BigInteger claimOrNull) {
        String id = text(agreement, "id");
        PaymentChannel channel = stillOpen(agreement);
        if (channel.claimedAtClose() != null) {
            throw new NotPossibleNow("the close of the channel of agreement " + id + " was asked for already, claiming "
                    + channel.claimedAtClose() + "; after the challenge period: tollway-wallet settle " + id);
        }
        BigInteger claim = claimOrNull != null ? claimOrNull : channel.bestCheque();
        return send(ChannelCalls.uncooperativeClose(text(agreement.get("wallet"), "contract"), channel, claim), agreement);
    }

    public SentCall settleChannel(String agreementId) {
        return settleChannel(api.agreement(agreementId, false));
    }

    /**
     * Settles the channel after the challenge period of the consumer's close: the claim goes to the
     * provider, the rest to this wallet's balance on the contract ({@link #withdraw(JsonNode)}).
     * Too early, or without a close, the contract refuses ({@code TooEarly}, {@code CloseNotRequested}).
     */
    public SentCall settleChannel(JsonNode agreement) {
        PaymentChannel channel = stillOpen(agreement);
        return send(ChannelCalls.settle(text(agreement.get("wallet"), "contract"), channel), agreement);
    }

    public SentCall withdraw(String agreementId) {
        return withdraw(api.agreement(agreementId, false));
    }

    /**
     * Takes refunds out of the contract: for a channel agreement {@code withdraw()} of this wallet's
     * balance on the channels contract (refunds of all its closed channels at once); for an escrow
     * agreement the refund withdrawal the API offers once it ended.
     */
    public SentCall withdraw(JsonNode agreement) {
        String id = text(agreement, "id");
        JsonNode walletNode = agreement.get("wallet");
        if (walletNode == null || walletNode.isNull()) {
            throw new NotPossibleNow("agreement " + id + " is " + agreement.path("status").asText() + " and has nothing to withdraw");
        }
        if (PaymentChannel.isChannelAgreement(agreement)) {
            return send(ChannelCalls.withdraw(text(walletNode, "contract")), agreement);
        }
        WalletCall offered = WalletCall.listOf(walletNode).stream().filter(c -> c.purpose().startsWith("withdraw")).findFirst()
                .orElseThrow(() -> new NotPossibleNow("agreement " + id + " is " + agreement.path("status").asText()
                        + " and offers no refund to withdraw"));
        return send(offered, agreement);
    }

    /** The agreement's channel while it is open on chain. */
    private static PaymentChannel stillOpen(JsonNode agreement) {
        PaymentChannel channel = PaymentChannel.of(agreement);
        if (channel.isClosed()) {
            String id = agreement.path("id").asText();
            throw new NotPossibleNow("the channel of agreement " + id + " was closed at " + channel.closedAt()
                    + "; the refund is taken with tollway-wallet withdraw " + id);
        }
        return channel;
    }

    private SentCall send(WalletCall call, JsonNode agreement) {
        return new SentCall(call, wallet.send(call, chainId(agreement)));
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
