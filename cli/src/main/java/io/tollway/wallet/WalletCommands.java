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
        JsonNode b = a.path("balances");
        out.println("balances      deposited " + b.path("deposited").asText() + ", remaining " + b.path("remaining").asText()
                + ", billed " + b.path("billed").asText() + " in " + b.path("bills").asInt() + " bills"
                + (b.hasNonNull("lastBillAt") ? ", last " + b.get("lastBillAt").asText() : ""));
        JsonNode c = b.path("onChain");
        if (c.isObject()) {
            out.println("escrow        " + c.path("status").asText() + ", deposited " + c.path("deposited").asText()
                    + ", remaining " + c.path("remaining").asText()
                    + (c.path("lastBillAt").asLong() > 0 ? ", last bill " + Instant.ofEpochSecond(c.path("lastBillAt").asLong()) : ""));
        }
        JsonNode p = a.path("provisioning");
        if (p.hasNonNull("state")) {
            out.println("provisioning  " + p.get("state").asText() + (p.hasNonNull("note") ? " (" + p.get("note").asText() + ")" : ""));
        }
        if (a.hasNonNull("sealedCredentials")) {
            out.println("credentials   sealed to this wallet: tollway-wallet credentials " + id);
        }
        out.println("active steps  " + (a.path("activeSteps").isEmpty() ? "none" : join(a.path("activeSteps"))));
        if (!a.path("bills").isEmpty()) {
            out.println("bills");
            for (JsonNode bill : a.path("bills")) {
                out.println("  #" + bill.path("number").asInt() + "  " + bill.path("state").asText()
                        + "  base " + bill.path("baseAmount").asText("-") + " + variable " + bill.path("variableAmount").asText()
                        + (bill.hasNonNull("paid") ? ", paid " + bill.get("paid").asText() : "")
                        + (bill.hasNonNull("billedSeconds") ? " for " + bill.get("billedSeconds").asLong() + " s" : "")
                        + "  " + bill.path("preparedAt").asText());
            }
        }
        List<WalletCall> calls = WalletCall.listOf(a.get("wallet"));
        if (!calls.isEmpty()) {
            out.println("wallet calls  (chain " + a.path("wallet").path("chainId").asText() + ")");
            calls.forEach(call -> out.println("  " + call.purpose() + " -> " + call.to()));
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
