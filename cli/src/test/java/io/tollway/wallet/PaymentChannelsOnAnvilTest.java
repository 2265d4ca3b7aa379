package io.tollway.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.TestToken;
import io.tollway.devkit.Anvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wallet's side of a payment channel on a real {@code PaymentChannels} (deployed by the
 * generated binding on anvil): it opens and tops up the channel, its cheques are what the contract
 * verifies, and it leaves the channel on its own (close, settle, withdraw). The agreements are
 * written here as the API shows them; {@code GET /chain} comes from a stand-in API. The wallet is
 * anvil's account 1; account 0 deploys, account 2 is the provider's agent.
 */
class PaymentChannelsOnAnvilTest {

    private static final StaticGasProvider GAS = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(15_000_000L));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHALLENGE_PERIOD = 3600;
    private static final BigInteger MINIMUM = BigInteger.valueOf(1050);
    private static final String OFFERING = "0x" + "0a".repeat(32);

    private static Anvil anvil;
    private static Web3j web3j;
    private static TestToken token;
    private static PaymentChannels channels;
    private static Credentials agent;
    private static ChainWallet wallet;
    private static StubApi api;
    private static ConsumerSide consumer;

    @BeforeAll
    static void deployTheChannelsAndRegisterAnOffering() throws Exception {
        anvil = Anvil.start();
        web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
        TransactionManager deployer = manager(Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(0)));
        token = TestToken.deploy(web3j, deployer, GAS, "Test", "TST").send();
        channels = PaymentChannels.deploy(web3j, deployer, GAS, token.getContractAddress(), BigInteger.valueOf(CHALLENGE_PERIOD),
                BigInteger.ZERO, BigInteger.ZERO).send();

        agent = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(2));
        TestToken agentsToken = TestToken.load(token.getContractAddress(), web3j, manager(agent), GAS);
        BigInteger stake = MINIMUM.multiply(BigInteger.valueOf(5));
        agentsToken.mint(agent.getAddress(), stake).send();
        agentsToken.approve(channels.getContractAddress(), stake).send();
        agentsChannels().registerOffering(Numeric.hexStringToByteArray(OFFERING), MINIMUM, BigInteger.valueOf(5)).send();

        wallet = ChainWallet.connect(anvil.rpcUrl(), Anvil.DEV_PRIVATE_KEYS.get(1));
        wallet.send(WalletCalls.mint(token.getContractAddress(), wallet.address(), BigInteger.TEN.pow(21)), Anvil.CHAIN_ID);
        api = new StubApi();
        api.answer("GET /api/v1/chain", 200, "{\"chainId\":" + Anvil.CHAIN_ID + ",\"headBlock\":1,\"contracts\":{\"PaymentChannels\":\""
                + Keys.toChecksumAddress(channels.getContractAddress()) + "\"}}");
        consumer = new ConsumerSide(new ApiClient(api.uri(), "demo-consumer-key"), wallet);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (wallet != null) {
            wallet.close();
        }
        if (web3j != null) {
            web3j.shutdown();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    private static TransactionManager manager(Credentials credentials) {
        return new RawTransactionManager(web3j, credentials, Anvil.CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 20, 1500));
    }

    private static PaymentChannels agentsChannels() {
        return PaymentChannels.load(channels.getContractAddress(), web3j, manager(agent), GAS);
    }

    /** A channel agreement waiting for its channel, with the two calls the API offers then. */
    private static ObjectNode awaitingDeposit() {
        ObjectNode agreement = JSON.createObjectNode().put("id", "c-1").put("settlementModel", "CHANNEL").put("status", "AWAITING_DEPOSIT");
        agreement.putNull("onChainId");
        agreement.putNull("channel");
        agreement.set("wallet", wallet());
        for (WalletCall call : List.of(ChannelCalls.allowDeposits(token.getContractAddress(), channels.getContractAddress(), MINIMUM),
                ChannelCalls.createChannel(channels.getContractAddress(), agent.getAddress(), OFFERING, MINIMUM))) {
            agreement.withArray("/wallet/calls").addObject().put("purpose", call.purpose()).put("to", call.to())
                    .put("data", call.data()).put("value", "0");
        }
        return agreement;
    }

    private static ObjectNode wallet() {
        ObjectNode wallet = JSON.createObjectNode().put("chainId", Anvil.CHAIN_ID).put("contract", channels.getContractAddress())
                .put("token", token.getContractAddress());
        wallet.putArray("calls");
        return wallet;
    }

    /** The agreement once the channel opened in {@code openBlock} runs, with the best cheque and the next cheque the API asks for. */
    private static ObjectNode active(String key, long openBlock, BigInteger deposit, BigInteger bestCheque, BigInteger owed) {
        ObjectNode agreement = JSON.createObjectNode().put("id", "c-1").put("settlementModel", "CHANNEL").put("status", "ACTIVE")
                .put("onChainId", key);
        agreement.set("wallet", wallet());
        ObjectNode channel = agreement.putObject("channel").put("key", key).put("agent", agent.getAddress()).put("openBlock", openBlock)
                .put("offeringHash", OFFERING).put("deposit", deposit.toString()).put("bestCheque", bestCheque.toString())
                .put("owed", owed.toString()).putNull("claimedAtClose").putNull("closedAt");
        if (owed.compareTo(bestCheque) > 0) {
            channel.putObject("nextCheque").put("balance", owed.toString())
                    .put("typedData", ChequeTypedDataTest.apiTypedData(Anvil.CHAIN_ID, channels.getContractAddress(), key, owed.toString()));
        } else {
            channel.putNull("nextCheque");
        }
        return agreement;
    }

    /** Opens a channel through the wallet as {@code tollway-wallet deposit} does; its key and opening block. */
    private static Opened open(BigInteger amountOrNull) throws Exception {
        List<SentCall> sent = consumer.deposit(awaitingDeposit(), amountOrNull);
        assertThat(sent).extracting(s -> s.call().purpose())
                .containsExactly("allow the channels contract to take the deposit", "deposit (at least this much) opening the channel");
        long openBlock = sent.get(1).receipt().blockNumber();
        byte[] key = channels.getKey(wallet.address(), agent.getAddress(), BigInteger.valueOf(openBlock),
                Numeric.hexStringToByteArray(OFFERING)).send();
        return new Opened(Numeric.toHexString(key), openBlock);
    }

    private record Opened(String key, long openBlock) {

        byte[] keyBytes() {
            return Numeric.hexStringToByteArray(key);
        }
    }

    private static BigInteger depositOf(Opened channel) throws Exception {
        return channels.channel(channel.keyBytes()).send().component1();
    }

    private static BigInteger withdrawable(String address) throws Exception {
        return channels.accountOf(address).send().component3();
    }

    private static String signerOf(byte[] digest, String signature) throws Exception {
        byte[] rsv = Numeric.hexStringToByteArray(signature);
        Sign.SignatureData data = new Sign.SignatureData(rsv[64], Arrays.copyOfRange(rsv, 0, 32), Arrays.copyOfRange(rsv, 32, 64));
        return "0x" + Keys.getAddress(Sign.signedMessageHashToKey(digest, data));
    }

    @Test
    void theWalletsChequeIsTheBalanceProofTheContractVerifies() throws Exception {
        Opened channel = open(BigInteger.valueOf(2050));
        assertThat(depositOf(channel)).as("the larger deposit, not the offered one").isEqualTo(2050);
        ObjectNode owing = active(channel.key(), channel.openBlock(), BigInteger.valueOf(2050), BigInteger.ZERO, BigInteger.valueOf(350));
        api.answer("POST /api/v1/agreements/c-1/cheques", 201, "{\"channelKey\":\"" + channel.key() + "\",\"balance\":\"350\",\"paid\":\"350\"}");

        consumer.cheque(owing, null);

        String signature = JSON.readTree(api.asked.get(api.asked.size() - 1).body()).get("signature").asText();
        byte[] contractsDigest = channels.balanceProofDigest(channel.keyBytes(), BigInteger.valueOf(350)).send();
        String typedData = new ChequeTypedData(Anvil.CHAIN_ID, channels.getContractAddress(), channel.key(), BigInteger.valueOf(350)).json();
        assertThat(new StructuredDataEncoder(typedData).hashStructuredData()).isEqualTo(contractsDigest);
        assertThat(ChequeTypedDataTest.digestByHand(Anvil.CHAIN_ID, channels.getContractAddress(), channel.key(), BigInteger.valueOf(350)))
                .isEqualTo(contractsDigest);
        assertThat(signerOf(contractsDigest, signature)).isEqualTo(wallet.address());
        assertThat(wallet.signTypedData(typedData)).as("deterministic (RFC 6979)").isEqualTo(signature);

        // the contract takes it: the agent closes with the cheque and its own closing signature
        BigInteger agentBefore = withdrawable(agent.getAddress());
        BigInteger consumerBefore = withdrawable(wallet.address());
        byte[] closingDigest = channels.closingProofDigest(channel.keyBytes(), BigInteger.valueOf(350)).send();
        Sign.SignatureData closing = Sign.signMessage(closingDigest, agent.getEcKeyPair(), false);
        byte[] closingSignature = new byte[65];
        System.arraycopy(closing.getR(), 0, closingSignature, 0, 32);
        System.arraycopy(closing.getS(), 0, closingSignature, 32, 32);
        closingSignature[64] = closing.getV()[0];
        agentsChannels().cooperativeClose(wallet.address(), agent.getAddress(), BigInteger.valueOf(channel.openBlock()),
                Numeric.hexStringToByteArray(OFFERING), BigInteger.valueOf(350), Numeric.hexStringToByteArray(signature),
                closingSignature).send();

        assertThat(depositOf(channel)).as("closed").isZero();
        assertThat(withdrawable(agent.getAddress()).subtract(agentBefore)).isEqualTo(350);
        assertThat(withdrawable(wallet.address()).subtract(consumerBefore)).isEqualTo(1700);
    }

    @Test
    void theWalletTopsUpClosesSettlesAndWithdrawsWithoutTollway() throws Exception {
        Opened channel = open(null);
        assertThat(depositOf(channel)).as("the offered deposit").isEqualTo(MINIMUM);

        List<SentCall> topUp = consumer.deposit(active(channel.key(), channel.openBlock(), MINIMUM, BigInteger.ZERO, BigInteger.ZERO),
                BigInteger.valueOf(500));
        assertThat(topUp).extracting(s -> s.call().purpose()).containsExactly("allow the channels contract to take the deposit",
                "top up the channel");
        assertThat(depositOf(channel)).isEqualTo(1550);

        // the best cheque Tollway holds is 300: the close claims that for the provider
        JsonNode running = active(channel.key(), channel.openBlock(), BigInteger.valueOf(1550), BigInteger.valueOf(300),
                BigInteger.valueOf(300));
        SentCall close = consumer.closeChannel(running, null);
        assertThat(close.call().purpose()).isEqualTo("close the channel, claiming this balance for the provider");
        assertThat(channels.channel(channel.keyBytes()).send().component3()).as("the claimed balance").isEqualTo(300);

        assertThatThrownBy(() -> consumer.settleChannel(running)).isInstanceOfSatisfying(TransactionReverted.class,
                reverted -> assertThat(reverted.getMessage()).contains("would revert, so it was not sent: TooEarly("));

        anvil.increaseTime(CHALLENGE_PERIOD + 1);
        anvil.mine();
        BigInteger agentBefore = withdrawable(agent.getAddress());
        BigInteger consumerBefore = withdrawable(wallet.address());
        consumer.settleChannel(running);

        assertThat(depositOf(channel)).as("settled").isZero();
        assertThat(withdrawable(agent.getAddress()).subtract(agentBefore)).isEqualTo(300);
        assertThat(withdrawable(wallet.address()).subtract(consumerBefore)).isEqualTo(1250);

        BigInteger refunds = withdrawable(wallet.address());
        BigInteger tokensBefore = token.balanceOf(wallet.address()).send();
        SentCall withdrawn = consumer.withdraw(running);
        assertThat(withdrawn.call().to()).isEqualTo(channels.getContractAddress());
        assertThat(token.balanceOf(wallet.address()).send().subtract(tokensBefore)).isEqualTo(refunds);
        assertThat(withdrawable(wallet.address())).isZero();
        assertThatThrownBy(() -> consumer.withdraw(running)).isInstanceOfSatisfying(TransactionReverted.class,
                reverted -> assertThat(reverted.getMessage()).endsWith("would revert, so it was not sent: NothingToWithdraw()"));
    }
}
