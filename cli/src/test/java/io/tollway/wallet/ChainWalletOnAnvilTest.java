package io.tollway.wallet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollway.contracts.generated.TestToken;
import io.tollway.devkit.Anvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wallet on a real chain: anvil with the test token deployed by the generated binding. The
 * wallet is anvil's account 1 (the demo consumer); account 0 deploys.
 */
class ChainWalletOnAnvilTest {

    private static final StaticGasProvider GAS = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(15_000_000L));
    private static final BigInteger THOUSAND_TOKENS = BigInteger.TEN.pow(21);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Anvil anvil;
    private static Web3j web3j;
    private static TestToken token;
    private static ChainWallet wallet;
    private static String spender;

    @BeforeAll
    static void deployTheToken() throws Exception {
        anvil = Anvil.start();
        web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
        Credentials deployer = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(0));
        token = TestToken.deploy(web3j, new RawTransactionManager(web3j, deployer, Anvil.CHAIN_ID,
                new PollingTransactionReceiptProcessor(web3j, 20, 1500)), GAS, "Test", "TST").send();
        wallet = ChainWallet.connect(anvil.rpcUrl(), Anvil.DEV_PRIVATE_KEYS.get(1));
        spender = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(2)).getAddress();
    }

    @AfterAll
    static void stop() {
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

    @Test
    void mintsAndApprovesWithEip1559TransactionsAndWaitsForTheirReceipts() throws Exception {
        BigInteger before = token.balanceOf(wallet.address()).send();

        Receipt minted = wallet.send(WalletCalls.mint(token.getContractAddress(), wallet.address(), THOUSAND_TOKENS), Anvil.CHAIN_ID);
        WalletCall allow = WalletCalls.allowDeposits(token.getContractAddress(), spender, BigInteger.valueOf(5000));
        Receipt approved = wallet.send(allow.to(), allow.data(), BigInteger.ZERO, Anvil.CHAIN_ID);

        assertThat(minted.succeeded()).isTrue();
        assertThat(minted.transactionHash()).matches("0x[0-9a-f]{64}");
        assertThat(approved.succeeded()).isTrue();
        assertThat(approved.blockNumber()).isGreaterThan(minted.blockNumber());
        assertThat(token.balanceOf(wallet.address()).send()).isEqualTo(before.add(THOUSAND_TOKENS));
        assertThat(token.allowance(wallet.address(), spender).send()).isEqualTo(5000);

        Transaction sent = web3j.ethGetTransactionByHash(approved.transactionHash()).send().getTransaction().orElseThrow();
        assertThat(sent.getType()).isEqualTo("0x2");
        assertThat(sent.getFrom()).isEqualTo(wallet.address());
        assertThat(sent.getChainId()).isEqualTo(Anvil.CHAIN_ID);
        // the estimate + 25 %: room above what it used, never a limit it ran into
        assertThat(sent.getGas()).isGreaterThan(approved.gasUsed());
        assertThat(sent.getGas()).isLessThanOrEqualTo(approved.gasUsed().multiply(BigInteger.valueOf(2)));
    }

    @Test
    void aCallThatWouldRevertIsReportedAndNotSent() throws Exception {
        BigInteger nonce = nonce();
        // the wallet takes tokens from an account that allowed it nothing: ERC20InsufficientAllowance
        String data = token.transferFrom(spender, wallet.address(), BigInteger.ONE).encodeFunctionCall();

        assertThatThrownBy(() -> wallet.send(token.getContractAddress(), data, BigInteger.ZERO, Anvil.CHAIN_ID))
                .isInstanceOfSatisfying(TransactionReverted.class, reverted -> {
                    assertThat(reverted.receipt()).isEmpty();
                    assertThat(reverted.revertData()).startsWith("0xfb8f41b2"); // ERC20InsufficientAllowance(address,uint256,uint256)
                    assertThat(reverted.getMessage()).isEqualTo("the call to " + token.getContractAddress()
                            + " would revert, so it was not sent: ERC20InsufficientAllowance(" + wallet.address() + ", 0, 1)");
                });
        assertThat(nonce()).isEqualTo(nonce);
    }

    @Test
    void aCallThatRevertsOnChainIsReportedWithItsReceiptStatus() throws Exception {
        String data = token.transferFrom(spender, wallet.address(), BigInteger.ONE).encodeFunctionCall();
        WalletCall call = new WalletCall("take tokens", token.getContractAddress(), data, BigInteger.ZERO);

        // an explicit gas limit skips the estimate, so the transaction is mined and reverts there
        assertThatThrownBy(() -> wallet.send(call, Anvil.CHAIN_ID, BigInteger.valueOf(100_000)))
                .isInstanceOfSatisfying(TransactionReverted.class, reverted -> {
                    Receipt receipt = reverted.receipt().orElseThrow();
                    assertThat(receipt.status()).isEqualTo("0x0");
                    assertThat(receipt.succeeded()).isFalse();
                    assertThat(reverted.getMessage()).isEqualTo("\"take tokens\" (" + token.getContractAddress()
                            + ") reverted on chain: transaction " + receipt.transactionHash() + " in block " + receipt.blockNumber()
                            + " has status 0x0, ERC20InsufficientAllowance(" + wallet.address() + ", 0, 1)");
                });
    }

    @Test
    void aCallForAnotherChainIsNotSent() throws Exception {
        BigInteger nonce = nonce();
        WalletCall mint = WalletCalls.mint(token.getContractAddress(), wallet.address(), BigInteger.ONE);

        assertThatThrownBy(() -> wallet.send(mint, 1L)).isInstanceOf(ChainFailure.class)
                .hasMessage("the node is chain 31337, but the call is for chain 1; point the wallet at that chain's node");
        assertThat(nonce()).isEqualTo(nonce);
    }

    @Test
    void approveSendsOnlyTheApprovalCallsTheApiNames() throws Exception {
        // the API's answer names an approval (here: an ERC-20 approve, any call will do) and a call the wallet must not send
        WalletCall approval = WalletCalls.allowDeposits(token.getContractAddress(), spender, BigInteger.valueOf(777));
        ObjectNode answer = agreement("AWAITING_APPROVAL");
        answer.withArray("/wallet/calls").addObject().put("purpose", "approve the terms").put("to", approval.to())
                .put("data", approval.data()).put("value", "0");
        answer.withArray("/wallet/calls").addObject().put("purpose", "stop the agreement").put("to", approval.to())
                .put("data", WalletCalls.allowDeposits(token.getContractAddress(), spender, BigInteger.ONE).data()).put("value", "0");
        try (StubApi api = new StubApi()) {
            api.answer("POST /api/v1/agreements/a-1/approval", 200, JSON.writeValueAsString(answer));
            ConsumerSide consumer = new ConsumerSide(new ApiClient(api.uri(), "demo-consumer-key"), wallet);

            ConsumerSide.Approval approved = consumer.approve(agreement("AWAITING_APPROVAL").put("termsHash", "0xterms"));

            assertThat(approved.sent()).singleElement().satisfies(s -> {
                assertThat(s.call().purpose()).isEqualTo("approve the terms");
                assertThat(s.receipt().succeeded()).isTrue();
            });
            assertThat(api.asked).singleElement().extracting(StubApi.Asked::body).asString()
                    .isEqualTo("{\"decision\":\"APPROVE\",\"termsHash\":\"0xterms\"}");
        }
        assertThat(token.allowance(wallet.address(), spender).send()).isEqualTo(777);
    }

    @Test
    void theCommandLineMintsAndExitsWithThreeOnARevert() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ObjectNode chain = JSON.createObjectNode().put("chainId", Anvil.CHAIN_ID).put("headBlock", 1);
        chain.putObject("contracts").put("TestToken", token.getContractAddress());
        // an agreement whose escrow ("contract") is the token itself: the allowance goes through, the deposit reverts
        ObjectNode awaitingDeposit = agreement("AWAITING_DEPOSIT");
        try (StubApi api = new StubApi()) {
            api.answer("GET /api/v1/chain", 200, JSON.writeValueAsString(chain))
                    .answer("GET /api/v1/agreements/a-1", 200, JSON.writeValueAsString(awaitingDeposit));
            Map<String, String> env = Map.of("TOLLWAY_API", api.uri().toString(), "TOLLWAY_RPC", anvil.rpcUrl(),
                    "TOLLWAY_WALLET_KEY", Anvil.DEV_PRIVATE_KEYS.get(1));
            BigInteger before = token.balanceOf(wallet.address()).send();

            int minted = WalletMain.run(new String[] {"mint", "5e18"}, env, print(out), print(err));
            int deposited = WalletMain.run(new String[] {"deposit", "a-1", "100"}, env, print(out), print(err));

            assertThat(minted).isZero();
            assertThat(token.balanceOf(wallet.address()).send()).isEqualTo(before.add(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(5))));
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("minted 5000000000000000000 test tokens to " + wallet.address() + "\n")
                    .contains("  sent \"mint test tokens\": transaction 0x");
            assertThat(deposited).isEqualTo(WalletMain.REVERTED);
            // the token has no deposit function: a revert without data, as the node words it
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: \"deposit (at least this much)\" ("
                    + token.getContractAddress() + ") would revert, so it was not sent: execution reverted\n");
        }
    }

    private static ObjectNode agreement(String status) {
        ObjectNode agreement = JSON.createObjectNode().put("id", "a-1").put("status", status).put("onChainId", "1")
                .put("consumerApproved", false);
        agreement.putObject("wallet").put("chainId", Anvil.CHAIN_ID).put("contract", token.getContractAddress())
                .put("token", token.getContractAddress()).putArray("calls");
        return agreement;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static BigInteger nonce() throws Exception {
        return web3j.ethGetTransactionCount(wallet.address(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }
}
