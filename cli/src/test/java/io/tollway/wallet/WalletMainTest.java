package io.tollway.wallet;

import io.tollway.infrastructure.sealing.ConsumerKey;
import io.tollway.infrastructure.sealing.CredentialSeal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end against a stand-in API: what it prints and its exit codes. */
class WalletMainTest {

    static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String ADDRESS = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    private final StubApi stub = new StubApi();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(String... args) {
        return runWithNode("http://127.0.0.1:1", args); // a node never reached by these commands
    }

    private int runWithNode(String rpc, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("TOLLWAY_API", stub.uri().toString());
        env.put("TOLLWAY_TOKEN", "demo-consumer-key");
        env.put("TOLLWAY_RPC", rpc);
        return WalletMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offeringsAsLinesAndAsJson() {
        stub.answer("GET /api/v1/offerings", 200, """
                {"items":[{"id":"o-1","providerId":"demo-provider","name":"Demo VPN","settlementModel":"ESCROW","status":"PUBLISHED",
                "escrow":{"setupFee":"1000","baseFeePerHour":"3600","variableFeePerHour":"7200","lockupSeconds":0,"uptimeArbitration":false}}],
                "offset":0,"limit":50,"total":1}""");

        assertThat(run("offerings")).isZero();
        assertThat(out()).isEqualTo("""
                o-1  PUBLISHED  ESCROW  Demo VPN
                    setupFee 1000, baseFeePerHour 3600, variableFeePerHour 7200, lockupSeconds 0, uptimeArbitration false
                """);

        out.reset();
        assertThat(run("offerings", "--json")).isZero();
        assertThat(out()).contains("\"items\" : [").contains("\"name\" : \"Demo VPN\"");
    }

    @Test
    void theAddressAndKeyOfTheWallet() {
        assertThat(run("address", "--key", KEY)).isZero();

        String publicKey = out().lines().filter(l -> l.startsWith("public key")).findFirst().orElseThrow().substring(12);
        assertThat(out()).startsWith("address     " + ADDRESS + "\n");
        assertThat(publicKey).matches("0x[0-9a-f]{128}");
        assertThat(ConsumerKey.of(publicKey, ADDRESS).address()).isEqualTo(ADDRESS); // what the API checks
    }

    @Test
    void requestSendsTheWalletsAddressAndPublicKey() {
        stub.answer("POST /api/v1/agreements", 201, "{\"id\":\"a-1\",\"status\":\"REQUESTED\"}");

        assertThat(run("request", "o-1", "--key", KEY)).isZero();

        assertThat(out()).startsWith("agreement a-1  REQUESTED\n");
        assertThat(stub.asked.get(0).body()).contains("\"offeringId\":\"o-1\"", "\"consumerAddress\":\"" + ADDRESS + "\"",
                "\"consumerPublicKey\":\"0x");
        assertThat(stub.asked.get(0).authorization()).isEqualTo("Bearer demo-consumer-key");
    }

    @Test
    void credentialsSealedToTheWalletOpenWithItsKey() {
        String sealed;
        try (ChainWallet wallet = ChainWallet.connect("http://127.0.0.1:1", KEY)) {
            sealed = CredentialSeal.seal(ConsumerKey.of(wallet.publicKeyHex(), ADDRESS), // as Tollway seals them
                    "{\"username\":\"demo-a1\",\"password\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8));
        }
        stub.answer("GET /api/v1/agreements/a-1", 200, "{\"id\":\"a-1\",\"status\":\"ACTIVE\",\"sealedCredentials\":\"" + sealed + "\"}");

        assertThat(run("credentials", "a-1", "--key", KEY)).isZero();

        assertThat(out()).isEqualTo("{\"username\":\"demo-a1\",\"password\":\"hunter2\"}\n");
    }

    @Test
    void credentialsOfAnotherKeyDoNotOpen() {
        String otherKey = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
        String sealed;
        try (ChainWallet other = ChainWallet.connect("http://127.0.0.1:1", otherKey)) {
            sealed = CredentialSeal.seal(ConsumerKey.of(other.publicKeyHex(), other.address()), new byte[] {1, 2, 3});
        }
        stub.answer("GET /api/v1/agreements/a-1", 200, "{\"id\":\"a-1\",\"status\":\"ACTIVE\",\"sealedCredentials\":\"" + sealed + "\"}");

        assertThat(run("credentials", "a-1", "--key", KEY)).isEqualTo(WalletMain.FAILED);
        assertThat(err()).isEqualTo("error: the credentials do not open with this key, or were altered\n");
    }

    @Test
    void showPrintsTheAgreement() {
        stub.answer("GET /api/v1/agreements/a-1?chain=true", 200, """
                {"id":"a-1","offeringId":"o-1","providerId":"demo-provider","consumerId":"demo-consumer","settlementModel":"ESCROW",
                 "status":"ACTIVE","terminationCause":null,"terms":"{\\"setupFee\\":\\"1000\\",\\"baseFeePerHour\\":\\"3600\\"}",
                 "termsHash":"0xabc","consumerApproved":true,"providerApproved":true,"onChainId":"1",
                 "balances":{"deposited":"5000","remaining":"3000","billed":"2000","bills":1,"lastBillAt":"2026-01-01T00:00:00Z",
                             "onChain":{"status":"Active","deposited":"5000","remaining":"3000","lastBillAt":1767225600}},
                 "provisioning":{"state":"PROVISIONED","note":null},"sealedCredentials":"x","activeSteps":["Wait for the next bill"],
                 "links":{"self":"/api/v1/agreements/a-1","bills":"/api/v1/agreements/a-1/bills","cheques":null,
                          "transactions":"/api/v1/agreements/a-1/transactions"},
                 "wallet":{"chainId":31337,"contract":"0xe7f1725e7734ce288f8367e1bb143e90bb3f0512","token":"0x5fbdb2315678afecb367f032d93f642f64180aa3",
                           "calls":[{"purpose":"stop the agreement","to":"0xe7f1725e7734ce288f8367e1bb143e90bb3f0512","data":"0x12","value":"0"}]}}
                """);
        stub.answer("GET /api/v1/agreements/a-1/bills?limit=10", 200, """
                {"items":[{"number":2,"state":"PAID","variableAmount":"500","baseAmount":"1000","paid":"1500","billedSeconds":1000,
                           "chainTransactionId":5,"preparedAt":"2026-01-01T01:00:00Z"},
                          {"number":1,"state":"PAID","variableAmount":"0","baseAmount":"1000","paid":"2000","billedSeconds":1000,
                           "chainTransactionId":4,"preparedAt":"2026-01-01T00:00:00Z"}],"offset":0,"limit":10,"total":12}
                """);

        assertThat(run("show", "a-1")).isZero();

        assertThat(out()).isEqualTo("""
                agreement     a-1
                status        ACTIVE
                offering      o-1 of demo-provider, ESCROW
                on chain      agreement 1
                terms         setupFee 1000, baseFeePerHour 3600
                terms hash    0xabc
                approved      consumer yes, provider yes
                balances      deposited 5000, remaining 3000, billed 2000 in 1 bills, last 2026-01-01T00:00:00Z
                escrow        Active, deposited 5000, remaining 3000, last bill 2026-01-01T00:00:00Z
                provisioning  PROVISIONED
                credentials   sealed to this wallet: tollway-wallet credentials a-1
                active steps  Wait for the next bill
                bills         the newest 2 of 12
                  #2  PAID  base 1000 + variable 500, paid 1500 for 1000 s  2026-01-01T01:00:00Z
                  #1  PAID  base 1000 + variable 0, paid 2000 for 1000 s  2026-01-01T00:00:00Z
                wallet calls  (chain 31337)
                  stop the agreement -> 0xe7f1725e7734ce288f8367e1bb143e90bb3f0512
                """);
    }

    /** A channel agreement as the API shows it to its consumer, owing 350 with nothing paid yet. */
    private static String channelAgreement() {
        String typedData = ChequeTypedDataTest.apiTypedData(ChequeTypedDataTest.CHAIN, ChequeTypedDataTest.CHANNELS,
                ChequeTypedDataTest.KEY, "350").replace("\"", "\\\"");
        return """
                {"id":"c-1","offeringId":"o-2","providerId":"demo-provider","consumerId":"demo-consumer","settlementModel":"CHANNEL",
                 "status":"ACTIVE","terminationCause":null,"terms":"{\\"unitName\\":\\"GB\\",\\"unitPrice\\":\\"100\\"}",
                 "termsHash":"0xdef","consumerApproved":true,"providerApproved":true,"onChainId":"%1$s",
                 "balances":{"deposited":"0","remaining":"0","billed":"0","bills":0,"lastBillAt":null,"onChain":null},
                 "provisioning":{"state":"PROVISIONED","note":null},"sealedCredentials":null,"activeSteps":["Review the channel"],
                 "links":{"self":"/api/v1/agreements/c-1","bills":"/api/v1/agreements/c-1/bills","cheques":"/api/v1/agreements/c-1/cheques",
                          "transactions":"/api/v1/agreements/c-1/transactions"},
                 "wallet":{"chainId":31337,"contract":"%2$s","token":"0x5fbdb2315678afecb367f032d93f642f64180aa3","calls":[]},
                 "channel":{"key":"%1$s","agent":"0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc","openBlock":42,"offeringHash":"0x%3$s",
                            "deposit":"2050","units":3,"billableUnits":3,"owed":"350","bestCheque":"0","unpaidUnits":3,"state":"ACTIVE",
                            "inactiveAt":"2026-01-01T01:00:00Z","suspendedTooLongAt":null,"claimedAtClose":null,"closedAt":null,
                            "nextCheque":{"balance":"350","typedData":"%4$s"}}}
                """.formatted(ChequeTypedDataTest.KEY, ChequeTypedDataTest.CHANNELS, "ab".repeat(32), typedData);
    }

    @Test
    void showPrintsTheChannelOfAChannelAgreement() {
        stub.answer("GET /api/v1/agreements/c-1?chain=true", 200, channelAgreement());

        assertThat(run("show", "c-1")).as(err()).isZero();

        assertThat(out()).isEqualTo("""
                agreement     c-1
                status        ACTIVE
                offering      o-2 of demo-provider, CHANNEL
                on chain      agreement %1$s
                terms         unitName GB, unitPrice 100
                terms hash    0xdef
                approved      consumer yes, provider yes
                channel       %1$s, agent 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc, opened in block 42
                channel state ACTIVE, inactive from 2026-01-01T01:00:00Z
                deposit       2050, units 3 (3 billable), owed 350
                cheques       best 0, 3 units unpaid
                next cheque   350 (tollway-wallet cheque c-1)
                provisioning  PROVISIONED
                active steps  Review the channel
                """.formatted(ChequeTypedDataTest.KEY));
    }

    @Test
    void chequeSignsWhatIsOwedAndPrintsWhatItPaid() throws Exception {
        stub.answer("GET /api/v1/agreements/c-1", 200, channelAgreement())
                .answer("POST /rpc", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}")
                .answer("GET /api/v1/chain", 200, "{\"chainId\":31337,\"contracts\":{\"PaymentChannels\":\"" + ChequeTypedDataTest.CHANNELS + "\"}}")
                .answer("POST /api/v1/agreements/c-1/cheques", 201, "{\"channelKey\":\"" + ChequeTypedDataTest.KEY
                        + "\",\"balance\":\"350\",\"paid\":\"350\",\"unpaidUnits\":0,\"receivedAt\":\"2026-01-01T00:10:00Z\"}");

        assertThat(runWithNode(stub.uri() + "/rpc", "cheque", "c-1", "--key", KEY)).as(err()).isZero();

        assertThat(out()).isEqualTo("cheque for 350 on agreement c-1 accepted: it paid 350 more, 0 units unpaid\n");
        String posted = stub.asked.stream().filter(a -> a.pathAndQuery().endsWith("/cheques")).findFirst().orElseThrow().body();
        assertThat(posted).startsWith("{\"balance\":\"350\",\"signature\":\"0x").matches(".*\"0x[0-9a-f]{130}\"}$");

        out.reset();
        assertThat(runWithNode(stub.uri() + "/rpc", "cheque", "c-1", "400", "--json", "--key", KEY)).isZero();
        assertThat(out()).contains("\"paid\" : \"350\"");
        assertThat(stub.asked.get(stub.asked.size() - 1).body()).startsWith("{\"balance\":\"400\",");
    }

    @Test
    void aRefusedChequeExitsWithTwoAndAChannelStepOfAnEscrowAgreementWith64() {
        stub.answer("GET /api/v1/agreements/c-1", 200, channelAgreement())
                .answer("POST /rpc", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}")
                .answer("GET /api/v1/chain", 200, "{\"chainId\":31337,\"contracts\":{\"PaymentChannels\":\"" + ChequeTypedDataTest.CHANNELS + "\"}}")
                .problem("POST /api/v1/agreements/c-1/cheques", 422, "cheque-refused",
                        "NOT_ABOVE_BEST: the cheque's balance 350 is not above the best accepted balance 350")
                .answer("GET /api/v1/agreements/a-1", 200, "{\"id\":\"a-1\",\"settlementModel\":\"ESCROW\",\"status\":\"ACTIVE\"}");

        assertThat(runWithNode(stub.uri() + "/rpc", "cheque", "c-1", "--key", KEY)).isEqualTo(WalletMain.API_PROBLEM);
        assertThat(err()).isEqualTo("error: NOT_ABOVE_BEST: the cheque's balance 350 is not above the best accepted balance 350"
                + " (https://tollway.io/problems/cheque-refused)\n");

        err.reset();
        assertThat(run("close", "a-1", "--key", KEY)).isEqualTo(WalletMain.USAGE);
        assertThat(err()).isEqualTo("error: agreement a-1 settles by ESCROW: it has no payment channel\n");
    }

    @Test
    void aChannelClosedOnChainIsNotClosedAgain() {
        stub.answer("GET /api/v1/agreements/c-1", 200, channelAgreement().replace("\"closedAt\":null", "\"closedAt\":\"350\""));

        assertThat(run("close", "c-1", "--key", KEY)).isEqualTo(WalletMain.FAILED);

        assertThat(err()).isEqualTo("error: the channel of agreement c-1 was closed at 350; the refund is taken with tollway-wallet withdraw c-1\n");
    }

    @Test
    void aProblemAnswerIsPrintedWithItsTypeAndExitsWithTwo() {
        stub.problem("POST /api/v1/agreements/a-1/stop", 409, "illegal-transition", "agreement a-1 is TERMINATED and cannot be stopped");

        assertThat(run("stop", "a-1")).isEqualTo(WalletMain.API_PROBLEM);

        assertThat(err()).isEqualTo("error: agreement a-1 is TERMINATED and cannot be stopped (https://tollway.io/problems/illegal-transition)\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void badUsageExitsWith64() {
        assertThat(run("approve")).isEqualTo(WalletMain.USAGE);
        assertThat(err()).startsWith("error: usage: tollway-wallet approve <agreementId>\n");

        err.reset();
        assertThat(run("request", "o-1")).isEqualTo(WalletMain.USAGE);
        assertThat(err()).isEqualTo("error: this command needs the wallet's key: --key, TOLLWAY_WALLET_KEY or --keystore\n");
        assertThat(stub.asked).isEmpty();

        err.reset();
        assertThat(run("address", "--key", "0x1234")).isEqualTo(WalletMain.USAGE);
        assertThat(err()).isEqualTo("error: the private key must be 64 hex digits, optionally 0x-prefixed\n");
    }

    @Test
    void helpExitsWithZero() {
        assertThat(run("help")).isZero();
        assertThat(out()).contains("usage: tollway-wallet <command>");
    }
}
