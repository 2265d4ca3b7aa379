package io.tollway.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Arrays;

import static io.tollway.wallet.ChequeTypedDataTest.CHAIN;
import static io.tollway.wallet.ChequeTypedDataTest.CHANNELS;
import static io.tollway.wallet.ChequeTypedDataTest.KEY;
import static io.tollway.wallet.ChequeTypedDataTest.apiTypedData;
import static io.tollway.wallet.ChequeTypedDataTest.digestByHand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A payment-channel agreement's steps in {@link ConsumerSide} against a stand-in API, which also
 * stands in for the node's {@code eth_chainId}: what is signed, what is handed over, what is refused
 * before anything leaves the wallet. (Sending to a real contract: {@link PaymentChannelsOnAnvilTest}.)
 */
class ChannelStepsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final String OFFERING = "0x" + "ab".repeat(32);
    private static final String OTHER_CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    private final StubApi stub = new StubApi();
    private ChainWallet wallet;
    private ConsumerSide consumer;

    @BeforeEach
    void start() {
        node(CHAIN);
        chain(CHANNELS);
        stub.answer("POST /api/v1/agreements/c-1/cheques", 201,
                "{\"channelKey\":\"" + KEY + "\",\"balance\":\"350\",\"paid\":\"350\",\"unpaidUnits\":0,\"receivedAt\":\"2026-01-01T00:00:00Z\"}");
        wallet = ChainWallet.connect(stub.uri() + "/rpc", WalletMainTest.KEY);
        consumer = new ConsumerSide(new ApiClient(stub.uri(), "demo-consumer-key"), wallet);
    }

    @AfterEach
    void stop() {
        wallet.close();
        stub.close();
    }

    private void node(long chainId) {
        stub.answer("POST /rpc", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + Long.toHexString(chainId) + "\"}");
    }

    private void chain(String paymentChannels) {
        stub.answer("GET /api/v1/chain", 200, "{\"chainId\":" + CHAIN + ",\"headBlock\":7,\"contracts\":{\"PaymentChannels\":\""
                + paymentChannels + "\",\"TestToken\":\"" + OTHER_CONTRACT + "\"}}");
    }

    /** An ACTIVE channel agreement owing {@code owed} beyond a best cheque of 0, its next cheque in {@code typedData} (null: none). */
    static ObjectNode agreement(String owed, String typedData) {
        ObjectNode agreement = JSON.createObjectNode().put("id", "c-1").put("settlementModel", "CHANNEL").put("status", "ACTIVE")
                .put("onChainId", KEY);
        agreement.putObject("wallet").put("chainId", CHAIN).put("contract", CHANNELS).put("token", OTHER_CONTRACT).putArray("calls");
        ObjectNode channel = agreement.putObject("channel").put("key", KEY).put("agent", AGENT).put("openBlock", 42)
                .put("offeringHash", OFFERING).put("deposit", "2050").put("units", 3).put("billableUnits", 3).put("owed", owed)
                .put("bestCheque", "0").put("unpaidUnits", 3).put("state", "ACTIVE").putNull("claimedAtClose").putNull("closedAt");
        if (typedData == null) {
            channel.putNull("nextCheque");
        } else {
            channel.putObject("nextCheque").put("balance", owed).put("typedData", typedData);
        }
        return agreement;
    }

    private static ObjectNode owing350() {
        return agreement("350", apiTypedData(CHAIN, CHANNELS, KEY, "350"));
    }

    /** The address that signed {@code digest}, from a 65-byte r ‖ s ‖ v signature. */
    private static String signerOf(byte[] digest, String signature) throws Exception {
        byte[] rsv = Numeric.hexStringToByteArray(signature);
        assertThat(rsv).hasSize(65);
        assertThat(rsv[64]).isIn((byte) 27, (byte) 28);
        Sign.SignatureData data = new Sign.SignatureData(rsv[64], Arrays.copyOfRange(rsv, 0, 32), Arrays.copyOfRange(rsv, 32, 64));
        return "0x" + Keys.getAddress(Sign.signedMessageHashToKey(digest, data));
    }

    private JsonNode posted() throws Exception {
        return JSON.readTree(stub.asked.stream().filter(a -> a.pathAndQuery().endsWith("/cheques")).findFirst().orElseThrow().body());
    }

    private boolean anyChequePosted() {
        return stub.asked.stream().anyMatch(a -> a.pathAndQuery().endsWith("/cheques"));
    }

    @Test
    void aChequeForWhatIsOwedIsSignedByTheWalletAndHandedOver() throws Exception {
        stub.answer("GET /api/v1/agreements/c-1", 200, JSON.writeValueAsString(owing350()));

        JsonNode accepted = consumer.cheque("c-1", null);

        assertThat(accepted.get("paid").asText()).isEqualTo("350");
        JsonNode cheque = posted();
        assertThat(cheque.get("balance").asText()).isEqualTo("350");
        assertThat(signerOf(digestByHand(CHAIN, CHANNELS, KEY, BigInteger.valueOf(350)), cheque.get("signature").asText()))
                .isEqualTo(WalletMainTest.ADDRESS);
        assertThat(stub.asked).filteredOn(a -> a.pathAndQuery().endsWith("/cheques"))
                .singleElement().extracting(StubApi.Asked::authorization).isEqualTo("Bearer demo-consumer-key");
    }

    @Test
    void aChequeForAnotherBalanceSignsThatBalance() throws Exception {
        consumer.cheque(owing350(), BigInteger.valueOf(1150));

        JsonNode cheque = posted();
        assertThat(cheque.get("balance").asText()).isEqualTo("1150");
        assertThat(signerOf(digestByHand(CHAIN, CHANNELS, KEY, BigInteger.valueOf(1150)), cheque.get("signature").asText()))
                .isEqualTo(WalletMainTest.ADDRESS);
    }

    @Test
    void withNothingOwedOnlyAGivenBalanceIsSignedBuiltFromTheAgreement() throws Exception {
        ObjectNode paidUp = agreement("350", null);

        assertThatThrownBy(() -> consumer.cheque(paidUp, null)).isInstanceOf(NotPossibleNow.class)
                .hasMessage("agreement c-1 owes nothing beyond its best cheque 0; give a balance to sign another");
        assertThat(anyChequePosted()).isFalse();

        String signature = consumer.signCheque(paidUp, BigInteger.valueOf(400));
        assertThat(signerOf(digestByHand(CHAIN, CHANNELS, KEY, BigInteger.valueOf(400)), signature)).isEqualTo(WalletMainTest.ADDRESS);
        assertThat(anyChequePosted()).as("signCheque hands nothing over").isFalse();
    }

    @Test
    void aChequeForAnotherContractIsNotSigned() {
        ObjectNode elsewhere = agreement("350", apiTypedData(CHAIN, OTHER_CONTRACT, KEY, "350"));

        assertThatThrownBy(() -> consumer.cheque(elsewhere, null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: it is for contract " + OTHER_CONTRACT
                        + ", but the agreement's channels contract is " + CHANNELS);
        assertThat(anyChequePosted()).isFalse();
    }

    @Test
    void aChequeForAnotherChannelIsNotSigned() {
        String otherKey = "0x" + "ef".repeat(32);
        ObjectNode elsewhere = agreement("350", apiTypedData(CHAIN, CHANNELS, otherKey, "350"));

        assertThatThrownBy(() -> consumer.cheque(elsewhere, BigInteger.valueOf(500))).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: it is for channel " + otherKey + ", but the agreement's channel is " + KEY);
        assertThat(anyChequePosted()).isFalse();
    }

    @Test
    void aChequeWhenTheDeploymentNamesAnotherPaymentChannelsIsNotSigned() {
        chain(OTHER_CONTRACT);

        assertThatThrownBy(() -> consumer.signCheque(owing350(), BigInteger.valueOf(350))).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: it is for contract " + CHANNELS + ", but the deployment's PaymentChannels is "
                        + OTHER_CONTRACT);
    }

    @Test
    void aChequeForAnotherChainThanTheNodesIsNotSigned() {
        node(1);

        assertThatThrownBy(() -> consumer.cheque(owing350(), null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: it is for chain 31337, but the node is chain 1");
        assertThat(anyChequePosted()).isFalse();
    }

    @Test
    void typedDataForMoreThanTheApiAsksForIsNotSigned() {
        ObjectNode inflated = agreement("350", apiTypedData(CHAIN, CHANNELS, KEY, "2050"));

        assertThatThrownBy(() -> consumer.cheque(inflated, null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("refusing to sign the cheque: the API asks for 350 but its typed data says 2050");
    }

    @Test
    void anEscrowAgreementHasNoChannelToPay() {
        ObjectNode escrow = owing350().put("settlementModel", "ESCROW");

        assertThatThrownBy(() -> consumer.cheque(escrow, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agreement c-1 settles by ESCROW: it has no payment channel");
    }

    @Test
    void approvingAChannelAgreementSendsNothingOnChain() throws Exception {
        ObjectNode awaiting = agreement("0", null).put("status", "AWAITING_APPROVAL").put("termsHash", "0xterms").put("consumerApproved", false);
        awaiting.putNull("onChainId");
        awaiting.putNull("channel");
        ObjectNode answer = awaiting.deepCopy().put("consumerApproved", true);
        stub.answer("POST /api/v1/agreements/c-1/approval", 200, JSON.writeValueAsString(answer));

        ConsumerSide.Approval approval = consumer.approve(awaiting);

        assertThat(approval.sent()).isEmpty();
        assertThat(approval.agreement().get("consumerApproved").asBoolean()).isTrue();
        assertThat(stub.asked).extracting(StubApi.Asked::pathAndQuery).containsExactly("/api/v1/agreements/c-1/approval");
    }

    @Test
    void aClosedOrClosingChannelIsNotClosedAgain() {
        ObjectNode closing = owing350();
        ((ObjectNode) closing.get("channel")).put("claimedAtClose", "50");
        ObjectNode closed = owing350();
        ((ObjectNode) closed.get("channel")).put("closedAt", "450");

        assertThatThrownBy(() -> consumer.closeChannel(closing, null)).isInstanceOf(NotPossibleNow.class)
                .hasMessage("the close of the channel of agreement c-1 was asked for already, claiming 50; after the challenge period:"
                        + " tollway-wallet settle c-1");
        assertThatThrownBy(() -> consumer.settleChannel(closed)).isInstanceOf(NotPossibleNow.class)
                .hasMessage("the channel of agreement c-1 was closed at 450; the refund is taken with tollway-wallet withdraw c-1");
        assertThatThrownBy(() -> consumer.cheque(closed, BigInteger.TEN)).isInstanceOf(NotPossibleNow.class)
                .hasMessage("the channel of agreement c-1 was closed at 450: cheques pay it no more");
        assertThat(stub.asked).as("nothing asked of the API or the node").isEmpty();
    }

    @Test
    void beforeTheChannelOpensThereIsNothingToCloseOrSign() {
        ObjectNode awaiting = agreement("0", null).put("status", "AWAITING_DEPOSIT");
        awaiting.putNull("channel");

        assertThatThrownBy(() -> consumer.closeChannel(awaiting, null)).isInstanceOf(NotPossibleNow.class)
                .hasMessage("agreement c-1 is AWAITING_DEPOSIT and has no channel yet (it opens with tollway-wallet deposit c-1)");
        assertThatThrownBy(() -> consumer.signCheque(awaiting, BigInteger.TEN)).isInstanceOf(NotPossibleNow.class);
    }

    @Test
    void anEscrowAgreementWithdrawsOnlyTheRefundTheApiOffers() {
        ObjectNode escrow = JSON.createObjectNode().put("id", "a-1").put("settlementModel", "ESCROW").put("status", "ACTIVE");
        escrow.putObject("wallet").put("chainId", CHAIN).put("contract", OTHER_CONTRACT).put("token", OTHER_CONTRACT)
                .putArray("calls").addObject().put("purpose", "stop the agreement").put("to", OTHER_CONTRACT).put("data", "0x12")
                .put("value", "0");

        assertThatThrownBy(() -> consumer.withdraw(escrow)).isInstanceOf(NotPossibleNow.class)
                .hasMessage("agreement a-1 is ACTIVE and offers no refund to withdraw");
    }
}
