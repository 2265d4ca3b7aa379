package io.tollway.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The commands: each one API or wallet step ({@link ConsumerSide}), printed as lines for people or,
 * with {@code --json}, as the raw JSON (the API's answer; with the wallet's transactions where it
 * sent some). The wallet's key is opened only by the commands that need it.
 */
public final class WalletCommands {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The newest bills {@code show} prints; the API pages through the rest. */
    private static final int BILLS_SHOWN = 10;

    private final ApiClient api;
    private final Supplier<ChainWallet> walletSupplier;
    private final PrintStream out;
    private final boolean json;
    private ConsumerSide consumer;

    public WalletCommands(ApiClient api, Supplier<ChainWallet> wallet, PrintStream out, boolean json) {
        this.api = api;
        this.walletSupplier = wallet;
        this.out = out;
        this.json = json;
    }

    private ConsumerSide consumer() {
        if (consumer == null) {
            consumer = new ConsumerSide(api, walletSupplier.get());
        }
        return consumer;
    }

    public void address() {
        ChainWallet wallet = consumer().wallet();
        if (json) {
            print(JSON.createObjectNode().put("address", wallet.address()).put("publicKey", wallet.publicKeyHex()));
            return;
        }
        out.println("address     " + wallet.address());
        out.println("public key  " + wallet.publicKeyHex());
    }

    public void offerings() {
        JsonNode page = api.offerings();
        if (json) {
            print(page);
            return;
        }
        if (page.path("items").isEmpty()) {
            out.println("no offerings");
        }
        for (JsonNode offering : page.path("items")) {
            out.println(offering.path("id").asText() + "  " + offering.path("status").asText() + "  "
                    + offering.path("settlementModel").asText() + "  " + offering.path("name").asText());
            JsonNode terms = offering.hasNonNull("escrow") ? offering.get("escrow") : offering.get("channel");
            if (terms != null && !terms.isNull()) {
                out.println("    " + fields(terms));
            }
        }
        long shown = page.path("offset").asLong() + page.path("items").size();
        if (page.path("total").asLong() > shown) {
            out.println("(" + shown + " of " + page.path("total").asLong() + ")");
        }
    }

    public void request(String offeringId) {
        JsonNode agreement = consumer().request(offeringId);
        if (json) {
            print(agreement);
            return;
        }
        String id = agreement.path("id").asText();
        out.println("agreement " + id + "  " + agreement.path("status").asText());
        out.println("next: when it is AWAITING_APPROVAL (tollway-wallet show " + id + "), tollway-wallet approve " + id);
    }

    public void show(String agreementId) {
        JsonNode a = api.agreement(agreementId, true);
        if (json) {
            print(a);
            return;
        }
        String id = a.path("id").asText();
        out.println("agreement     " + id);
        out.println("status        " + a.path("status").asText()
                + (a.hasNonNull("terminationCause") ? " (" + a.get("terminationCause").asText() + ")" : ""));
        out.println("offering      " + a.path("offeringId").asText() + " of " + a.path("providerId").asText() + ", "
                + a.path("settlementModel").asText());
        if (a.hasNonNull("onChainId")) {
            out.println("on chain      agreement " + a.get("onChainId").asText());
        }
        out.println("terms         " + terms(a.path("terms").asText()));
        out.println("terms hash    " + a.path("termsHash").asText());
        out.println("approved      consumer " + yesNo(a.path("consumerApproved")) + ", provider " + yesNo(a.path("providerApproved")));
        if (PaymentChannel.isChannelAgreement(a)) {
            printChannel(id, a.path("status").asText(), a.path("channel"));
        } else {
            printBalances(a.path("balances"));
        }
        JsonNode p = a.path("provisioning");
        if (p.hasNonNull("state")) {
            out.println("provisioning  " + p.get("state").asText() + (p.hasNonNull("note") ? " (" + p.get("note").asText() + ")" : ""));
        }
        if (a.hasNonNull("sealedCredentials")) {
            out.println("credentials   sealed to this wallet: tollway-wallet credentials " + id);
        }
        out.println("active steps  " + (a.path("activeSteps").isEmpty() ? "none" : join(a.path("activeSteps"))));
        if (!PaymentChannel.isChannelAgreement(a)) {
            printBills(api.bills(id, BILLS_SHOWN));
        }
        List<WalletCall> calls = WalletCall.listOf(a.get("wallet"));
        if (!calls.isEmpty()) {
            out.println("wallet calls  (chain " + a.path("wallet").path("chainId").asText() + ")");
            calls.forEach(call -> out.println("  " + call.purpose() + " -> " + call.to()));
        }
    }

    private void printBills(JsonNode page) {
        if (page.path("items").isEmpty()) {
            return;
        }
        out.println("bills         the newest " + page.path("items").size() + " of " + page.path("total").asLong());
        for (JsonNode bill : page.path("items")) {
            out.println("  #" + bill.path("number").asInt() + "  " + bill.path("state").asText()
                    + "  base " + bill.path("baseAmount").asText("-") + " + variable " + bill.path("variableAmount").asText()
                    + (bill.hasNonNull("paid") ? ", paid " + bill.get("paid").asText() : "")
                    + (bill.hasNonNull("billedSeconds") ? " for " + bill.get("billedSeconds").asLong() + " s" : "")
                    + "  " + bill.path("preparedAt").asText());
        }
    }

    private void printBalances(JsonNode b) {
        out.println("balances      deposited " + b.path("deposited").asText() + ", remaining " + b.path("remaining").asText()
                + ", billed " + b.path("billed").asText() + " in " + b.path("bills").asInt() + " bills"
                + (b.hasNonNull("lastBillAt") ? ", last " + b.get("lastBillAt").asText() : ""));
        JsonNode c = b.path("onChain");
        if (c.isObject()) {
            out.println("escrow        " + c.path("status").asText() + ", deposited " + c.path("deposited").asText()
                    + ", remaining " + c.path("remaining").asText()
                    + (c.path("lastBillAt").asLong() > 0 ? ", last bill " + Instant.ofEpochSecond(c.path("lastBillAt").asLong()) : ""));
        }
    }

    /** A channel agreement's channel: what it holds, what is owed and paid by cheques, what to sign next, how it closed. */
    private void printChannel(String id, String status, JsonNode c) {
        if (!c.isObject()) {
            out.println("channel       not open yet" + ("AWAITING_DEPOSIT".equals(status) ? " (tollway-wallet deposit " + id + " opens it)" : ""));
            return;
        }
        out.println("channel       " + c.path("key").asText() + ", agent " + c.path("agent").asText() + ", opened in block "
                + c.path("openBlock").asLong());
        out.println("channel state " + c.path("state").asText()
                + (c.hasNonNull("inactiveAt") ? ", inactive from " + c.get("inactiveAt").asText() : "")
                + (c.hasNonNull("suspendedTooLongAt") ? ", ends if still suspended at " + c.get("suspendedTooLongAt").asText() : ""));
        out.println("deposit       " + c.path("deposit").asText() + ", units " + c.path("units").asLong() + " ("
                + c.path("billableUnits").asLong() + " billable), owed " + c.path("owed").asText());
        out.println("cheques       best " + c.path("bestCheque").asText() + ", " + c.path("unpaidUnits").asLong() + " units unpaid");
        JsonNode next = c.path("nextCheque");
        if (next.isObject()) {
            out.println("next cheque   " + next.path("balance").asText() + " (tollway-wallet cheque " + id + ")");
        }
        List<String> closing = new ArrayList<>();
        if (c.hasNonNull("claimedAtClose")) {
            closing.add("the consumer's close claims " + c.get("claimedAtClose").asText());
        }
        if (c.hasNonNull("closedAt")) {
            closing.add("closed on chain at balance " + c.get("closedAt").asText());
        }
        if (!closing.isEmpty()) {
            out.println("closing       " + String.join(", ", closing));
        }
    }

    public void approve(String agreementId) {
        ConsumerSide.Approval approval = consumer().approve(agreementId);
        if (json) {
            print(withTransactions(approval.agreement(), approval.sent()));
            return;
        }
        out.println("approved the terms " + approval.agreement().path("termsHash").asText() + " of agreement " + agreementId);
        printSent(approval.sent());
        out.println("next: when it is AWAITING_DEPOSIT, tollway-wallet deposit " + agreementId);
    }

    public void reject(String agreementId, String reason) {
        JsonNode agreement = api.reject(agreementId, reason);
        if (json) {
            print(agreement);
            return;
        }
        out.println("rejected agreement " + agreementId + "; it is " + agreement.path("status").asText());
    }

    public void deposit(String agreementId, BigInteger amountOrNull) {
        JsonNode agreement = api.agreement(agreementId, false);
        List<SentCall> sent = consumer().deposit(agreement, amountOrNull);
        if (json) {
            print(withTransactions(agreement, sent));
            return;
        }
        out.println("deposited " + WalletCalls.lastUint256(sent.get(sent.size() - 1).call()) + " into agreement " + agreementId);
        printSent(sent);
    }

    public void cheque(String agreementId, BigInteger balanceOrNull) {
        JsonNode accepted = consumer().cheque(agreementId, balanceOrNull);
        if (json) {
            print(accepted);
            return;
        }
        out.println("cheque for " + accepted.path("balance").asText() + " on agreement " + agreementId + " accepted: it paid "
                + accepted.path("paid").asText() + " more, " + accepted.path("unpaidUnits").asLong() + " units unpaid");
    }

    public void close(String agreementId, BigInteger claimOrNull) {
        JsonNode agreement = api.agreement(agreementId, false);
        SentCall sent = consumer().closeChannel(agreement, claimOrNull);
        if (json) {
            print(withTransactions(agreement, List.of(sent)));
            return;
        }
        out.println("asked to close the channel of agreement " + agreementId + ", claiming " + WalletCalls.lastUint256(sent.call())
                + " for the provider; it may still close with a higher cheque during the challenge period, after it: tollway-wallet settle "
                + agreementId);
        printSent(List.of(sent));
    }

    public void settle(String agreementId) {
        JsonNode agreement = api.agreement(agreementId, false);
        SentCall sent = consumer().settleChannel(agreement);
        if (json) {
            print(withTransactions(agreement, List.of(sent)));
            return;
        }
        out.println("settled the channel of agreement " + agreementId + "; the refund waits on the contract: tollway-wallet withdraw "
                + agreementId);
        printSent(List.of(sent));
    }

    public void withdraw(String agreementId) {
        JsonNode agreement = api.agreement(agreementId, false);
        SentCall sent = consumer().withdraw(agreement);
        if (json) {
            print(withTransactions(agreement, List.of(sent)));
            return;
        }
        out.println("withdrew this wallet's refunds from " + sent.call().to());
        printSent(List.of(sent));
    }

    public void stop(String agreementId) {
        JsonNode agreement = api.stop(agreementId);
        if (json) {
            print(agreement);
            return;
        }
        out.println("stop of agreement " + agreementId + " accepted; it is " + agreement.path("status").asText()
                + " (tollway-wallet show " + agreementId + " follows it)");
    }

    public void credentials(String agreementId) {
        String credentials = consumer().credentials(agreementId);
        if (json) {
            print(JSON.createObjectNode().put("agreementId", agreementId).put("credentials", credentials));
            return;
        }
        out.println(credentials);
    }

    public void mint(BigInteger amount) {
        SentCall sent = consumer().mint(amount);
        if (json) {
            print(JSON.createObjectNode().put("minted", amount.toString()).put("to", consumer().wallet().address())
                    .set("transaction", transaction(sent)));
            return;
        }
        out.println("minted " + amount + " test tokens to " + consumer().wallet().address());
        printSent(List.of(sent));
    }

    private void printSent(List<SentCall> sent) {
        for (SentCall s : sent) {
            Receipt r = s.receipt();
            out.println("  sent \"" + s.call().purpose() + "\": transaction " + r.transactionHash() + ", block " + r.blockNumber()
                    + ", gas " + r.gasUsed() + ", status " + r.status());
        }
    }

    private static ObjectNode withTransactions(JsonNode agreement, List<SentCall> sent) {
        ObjectNode result = JSON.createObjectNode();
        result.set("agreement", agreement);
        ArrayNode transactions = result.putArray("transactions");
        sent.forEach(s -> transactions.add(transaction(s)));
        return result;
    }

    private static ObjectNode transaction(SentCall s) {
        return JSON.createObjectNode().put("purpose", s.call().purpose()).put("to", s.call().to())
                .put("transactionHash", s.receipt().transactionHash()).put("blockNumber", s.receipt().blockNumber())
                .put("gasUsed", s.receipt().gasUsed().toString()).put("status", s.receipt().status());
    }

    private void print(JsonNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agreement's terms, a JSON string in the view, as {@code name value, …}. */
    private static String terms(String termsJson) {
        try {
            return fields(JSON.readTree(termsJson));
        } catch (JsonProcessingException e) {
            return termsJson;
        }
    }

    private static String fields(JsonNode object) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            parts.add(field.getKey() + " " + (field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString()));
        }
        return String.join(", ", parts);
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(item -> parts.add(item.asText()));
        return String.join(", ", parts);
    }

    private static String yesNo(JsonNode flag) {
        return flag.asBoolean(false) ? "yes" : "no";
    }
}
