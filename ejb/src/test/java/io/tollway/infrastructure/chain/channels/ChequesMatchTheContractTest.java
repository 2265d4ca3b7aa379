package io.tollway.infrastructure.chain.channels;

import io.tollway.domain.model.agreement.TerminationCause;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.TestToken;
import io.tollway.devkit.Anvil;
import io.tollway.domain.model.channel.ChannelAccount;
import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.domain.model.channel.Cheque;
import io.tollway.domain.model.channel.ChequeVerdict;
import io.tollway.domain.model.channel.ServiceDecision;
import io.tollway.infrastructure.chain.transaction.RevertReasons;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cheques as a consumer's wallet signs them, from the typed data {@link Eip712ChequeSignatures}
 * hands out, judged by the ledger with that verifier and cashed by the real {@code
 * PaymentChannels} on anvil: what Tollway accepts the contract pays, and what the contract would
 * refuse Tollway refuses first (another chain, another contract, another channel, another key,
 * above the deposit, a malleated signature).
 */
class ChequesMatchTheContractTest {

    private static final StaticGasProvider GAS = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(15_000_000L));
    /** Odd prices: unit 1,000,003, setup 2,500,007, 10..1000 units, lag 3, minimum deposit 12,500,037. */
    private static final ChannelTerms TERMS = new ChannelTerms("MB", big(1_000_003), big(2_500_007), 10, 1_000, 3, 600, 300, 5);
    private static final Instant START = Instant.ofEpochSecond(1_800_000_000L);
    private static final long CHALLENGE_PERIOD = 3_600;
    private static final RevertReasons REVERTS = RevertReasons.ofTollwayContracts();

    private static Anvil anvil;
    private static Web3j web3j;
    private static Credentials consumer;
    private static Credentials agent;
    private static Credentials stranger;
    private static PaymentChannels asConsumer;
    private static PaymentChannels asAgent;
    private static String otherChannelsAddress;
    private static Eip712ChequeSignatures signatures;
    private static byte[] offering;

    private String snapshot;

    /** A channel as the chain opened it. */
    private record Channel(String key, BigInteger openBlock, String consumer, BigInteger deposit) {
    }

    @BeforeAll
    static void deploy() throws Exception {
        anvil = Anvil.start();
        web3j = Web3j.build(new HttpService(anvil.rpcUrl(), new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build()));
        Credentials operator = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(0));
        consumer = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(1));
        agent = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(2));
        stranger = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(3));
        String token = TestToken.deploy(web3j, manager(operator), GAS, "Test", "TST").send().getContractAddress();
        String channels = deployChannels(operator, token);
        otherChannelsAddress = deployChannels(operator, token);
        asConsumer = PaymentChannels.load(channels, web3j, manager(consumer), GAS);
        asAgent = PaymentChannels.load(channels, web3j, manager(agent), GAS);
        for (Credentials party : List.of(consumer, agent)) {
            TestToken asParty = TestToken.load(token, web3j, manager(party), GAS);
            asParty.mint(party.getAddress(), BigInteger.TEN.pow(30)).send();
            asParty.approve(channels, BigInteger.TEN.pow(30)).send();
        }
        offering = Hash.sha3("vpn, per MB".getBytes());
        asAgent.registerOffering(offering, TERMS.minimumDeposit(), BigInteger.valueOf(TERMS.supply())).send();
        signatures = new Eip712ChequeSignatures(Anvil.CHAIN_ID, channels);
    }

    private static String deployChannels(Credentials operator, String token) throws Exception {
        return PaymentChannels.deploy(web3j, manager(operator), GAS, token, BigInteger.valueOf(CHALLENGE_PERIOD),
                BigInteger.valueOf(86_400), BigInteger.valueOf(3_600)).send().getContractAddress();
    }

    private static RawTransactionManager manager(Credentials key) {
        return new RawTransactionManager(web3j, key, Anvil.CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 20, 1500));
    }

    @AfterAll
    static void stop() {
        web3j.shutdown();
        anvil.close();
    }

    @BeforeEach
    void takeSnapshot() {
        snapshot = anvil.snapshot();
    }

    @AfterEach
    void revertSnapshot() {
        assertThat(anvil.revert(snapshot)).isTrue();
    }

    // ------------------------------------------------------------------ the digest

    @Test
    void digestsAndDomainAreTheContracts() throws Exception {
        Channel channel = open(TERMS.minimumDeposit());
        assertThat(signatures.domainSeparator()).isEqualTo(asConsumer.domainSeparator().send());
        for (String key : List.of(channel.key(), "0x" + "00".repeat(32), "0x" + "ff".repeat(32))) {
            for (BigInteger balance : List.of(BigInteger.ZERO, BigInteger.ONE, TERMS.minimumDeposit(),
                    BigInteger.TWO.pow(200).add(big(7)), Cheque.MAX_BALANCE)) {
                byte[] onChain = asConsumer.balanceProofDigest(Numeric.hexStringToByteArray(key), balance).send();
                assertThat(signatures.balanceProofDigest(key, balance)).as("%s %s", key, balance).isEqualTo(onChain);
                assertThat(new StructuredDataEncoder(signatures.balanceProofTypedData(key, balance)).hashStructuredData())
                        .as("what a wallet hashes").isEqualTo(onChain);
                assertThat(signatures.closingProofDigest(key, balance))
                        .isEqualTo(asConsumer.closingProofDigest(Numeric.hexStringToByteArray(key), balance).send());
            }
        }
    }

    // ------------------------------------------------------------------ what is accepted is paid

    @Test
    void theChannelsLifeEndsInACooperativeCloseAtTheDepositWithTheBestCheque() throws Exception {
        Channel channel = open(TERMS.minimumDeposit());
        ChannelAccount account = ChannelAccount.open(TERMS, channel.key(), channel.consumer(), channel.deposit(), START);

        account.acceptCheque(walletCheque(consumer, channel.key(), TERMS.setupPrice()), signatures);
        account.recordUsage("usage-1", 3, START.plusSeconds(60));
        assertThat(account.review(START.plusSeconds(60))).isEqualTo(ServiceDecision.ACTIVE);
        account.recordUsage("usage-2", 1, START.plusSeconds(120));
        assertThat(account.review(START.plusSeconds(120))).as("4 units unpaid, 3 allowed").isEqualTo(ServiceDecision.SUSPEND);

        account.acceptCheque(walletCheque(consumer, channel.key(), TERMS.price(4)), signatures);
        assertThat(account.review(START.plusSeconds(180))).isEqualTo(ServiceDecision.RESUME);

        account.recordUsage("usage-3", 6, START.plusSeconds(240));
        account.acceptCheque(walletCheque(consumer, channel.key(), TERMS.price(10)), signatures);
        assertThat(account.review(START.plusSeconds(240))).isEqualTo(ServiceDecision.terminate(TerminationCause.DEPOSIT_EXHAUSTED));

        Cheque best = account.bestCheque().orElseThrow();
        assertThat(best.balance()).isEqualTo(channel.deposit());
        TransactionReceipt closed = closeCooperatively(channel, best);

        PaymentChannels.ChannelClosedEventResponse event = PaymentChannels.getChannelClosedEvents(closed).get(0);
        assertThat(event.balance).isEqualTo(best.balance());
        assertThat(event.refund).isZero();
        assertThat(credited(agent)).as("the provider is paid what the cheque says").isEqualTo(best.balance());
    }

    @Test
    void anUncooperativeCloseIsAnsweredInsideTheChallengePeriodWithTheBestCheque() throws Exception {
        BigInteger deposit = TERMS.price(20);
        Channel channel = open(deposit);
        ChannelAccount account = ChannelAccount.open(TERMS, channel.key(), channel.consumer(), channel.deposit(), START);
        account.recordUsage("usage-1", 6, START.plusSeconds(60));
        account.acceptCheque(walletCheque(consumer, channel.key(), TERMS.price(3)), signatures);
        account.acceptCheque(walletCheque(consumer, channel.key(), TERMS.price(6)), signatures);

        BigInteger claimed = TERMS.setupPrice();
        TransactionReceipt requested = asConsumer.uncooperativeClose(agent.getAddress(), channel.openBlock(), offering, claimed).send();
        long settleAfter = PaymentChannels.getChannelCloseRequestedEvents(requested).get(0).settleAfter.longValueExact();
        Optional<Cheque> answer = account.closeRequested(claimed);

        assertThat(answer).as("the best cheque pays more than the claim").isPresent();
        assertThat(account.decideAt(START.plusSeconds(61))).isEqualTo(ServiceDecision.terminate(TerminationCause.DISPUTE_SETTLED));
        nextBlockAt(settleAfter - 1);
        TransactionReceipt closed = closeCooperatively(channel, answer.orElseThrow());

        assertThat(PaymentChannels.getChannelClosedEvents(closed).get(0).balance).isEqualTo(TERMS.price(6));
        assertThat(credited(agent)).as("the provider is paid what the cheque says, not the claim").isEqualTo(TERMS.price(6));
        assertThat(credited(consumer)).isEqualTo(deposit.subtract(TERMS.price(6)));
    }

    @Test
    void aClaimOfTheBestChequesBalanceNeedsNoAnswerAndSettlesToIt() throws Exception {
        Channel channel = open(TERMS.price(20));
        ChannelAccount account = ChannelAccount.open(TERMS, channel.key(), channel.consumer(), channel.deposit(), START);
        account.acceptCheque(walletCheque(consumer, channel.key(), TERMS.price(5)), signatures);

        TransactionReceipt requested = asConsumer.uncooperativeClose(agent.getAddress(), channel.openBlock(), offering, TERMS.price(5)).send();
        long settleAfter = PaymentChannels.getChannelCloseRequestedEvents(requested).get(0).settleAfter.longValueExact();
        assertThat(account.closeRequested(TERMS.price(5))).isEmpty();
        nextBlockAt(settleAfter);
        TransactionReceipt settled = asConsumer.settle(agent.getAddress(), channel.openBlock(), offering).send();

        assertThat(PaymentChannels.getChannelSettledEvents(settled).get(0).balance).isEqualTo(account.bestBalance());
        assertThat(credited(agent)).isEqualTo(TERMS.price(5));
    }

    // ------------------------------------------------------------------ what the contract refuses is refused first

    /** Privatix: the pay server trusted a contract address sent by the client. */
    @Test
    void chequeSignedForAnotherContractIsRefused() throws Exception {
        Channel channel = open(TERMS.minimumDeposit());
        ChannelAccount account = ChannelAccount.open(TERMS, channel.key(), channel.consumer(), channel.deposit(), START);
        Eip712ChequeSignatures otherDeployment = new Eip712ChequeSignatures(Anvil.CHAIN_ID, otherChannelsAddress);
        BigInteger balance = TERMS.price(2);

        Cheque forOther = signed(consumer, otherDeployment.balanceProofTypedData(channel.key(), balance), channel.key(), balance);

        assertThat(otherDeployment.signerOf(forOther)).as("a genuine cheque, for the other contract")
                .contains(channel.consumer());
        assertThat(signatures.signerOf(forOther)).isNotEqualTo(Optional.of(channel.consumer()));
        assertThat(account.judge(forOther, signatures)).isEqualTo(ChequeVerdict.NOT_SIGNED_BY_CONSUMER);
        assertThat(revertOfCooperativeClose(channel, forOther)).startsWith("InvalidBalanceProof(");
    }

    @Test
    void chequeSignedForAnotherChainIsRefused() throws Exception {
        Channel channel = open(TERMS.minimumDeposit());
        ChannelAccount account = ChannelAccount.open(TERMS, channel.key(), channel.consumer(), channel.deposit(), START);
        Eip712ChequeSignatures mainnet = new Eip712ChequeSignatures(1, signatures.verifyingContract());
        BigInteger balance = TERMS.price(2);

        Cheque forMainnet = signed(consumer, mainnet.balanceProofTypedData(channel.key(), balance), channel.key(), balance);

        assertThat(mainnet.signerOf(forMainnet)).contains(channel.consumer());
        assertThat(account.judge(forMainnet, signatures)).isEqualTo(ChequeVerdict.NOT_SIGNED_BY_CONSUMER);
        assertThat(revertOfCooperativeClose(channel, forMainnet)).startsWith("InvalidBalanceProof(");
    }

    @Test
    void chequeOfAnotherChannelIsRefused() throws Exception {
        Channel first = open(TERMS.minimumDeposit());
        Channel second = open(TERMS.minimumDeposit());
        ChannelAccount secondAccount = ChannelAccount.open(TERMS, second.key(), second.consumer(), second.deposit(), START);
        BigInteger balance = TERMS.price(2);
        Cheque ofFirst = walletCheque(consumer, first.key(), balance);

        Cheque relabelled = new Cheque(second.key(), balance, ofFirst.signature());

        assertThat(secondAccount.judge(ofFirst, signatures)).isEqualTo(ChequeVerdict.WRONG_CHANNEL);
        assertThat(secondAccount.judge(relabelled, signatures)).as("the signature binds the channel key")
                .isEqualTo(ChequeVerdict.NOT_SIGNED_BY_CONSUMER);
        assertThat(revertOfCooperativeClose(second, relabelled)).startsWith("InvalidBalanceProof(");
    }

    @Test
    void chequeSignedByAnotherKeyIsRefused() throws Exception {
        Channel channel = open(TERMS.minimumDeposit());
        ChannelAccount account = ChannelAccount.open(TERMS, channel.key(), channel.consumer(), channel.deposit(), START);

        Cheque byStranger = walletCheque(stranger, channel.key(), TERMS.price(2));

        assertThat(signatures.signerOf(byStranger)).contains(stranger.getAddress().toLowerCase());
        assertThat(account.judge(byStranger, signatures)).isEqualTo(ChequeVerdict.NOT_SIGNED_BY_CONSUMER);
        assertThat(revertOfCooperativeClose(channel, byStranger)).startsWith("InvalidBalanceProof(");
    }

    /** Privatix: cheques must never be above the deposit. */
    @Test
    void chequeAboveTheDepositIsRefusedByTheLedgerAsByTheContract() throws Exception {
        Channel channel = open(TERMS.minimumDeposit());
        ChannelAccount account = ChannelAccount.open(TERMS, channel.key(), channel.consumer(), channel.deposit(), START);

        Cheque above = walletCheque(consumer, channel.key(), channel.deposit().add(BigInteger.ONE));

        assertThat(signatures.signerOf(above)).as("a genuine signature").contains(channel.consumer());
        assertThat(account.judge(above, signatures)).isEqualTo(ChequeVerdict.ABOVE_DEPOSIT);
        assertThat(revertOfCooperativeClose(channel, above)).startsWith("BalanceAboveDeposit(");
    }

    /**
     * Plain ECDSA also verifies (r, n − s) with the other v, and v as 0/1; OpenZeppelin's
     * {@code tryRecover} refuses both, so Tollway must not keep such a cheque: it could not cash it.
     */
    @Test
    void malleatedSignaturesAreRefusedAsTheContractRefusesThem() throws Exception {
        Channel channel = open(TERMS.minimumDeposit());
        ChannelAccount account = ChannelAccount.open(TERMS, channel.key(), channel.consumer(), channel.deposit(), START);
        Cheque genuine = walletCheque(consumer, channel.key(), TERMS.price(2));
        byte[] rsv = Numeric.hexStringToByteArray(genuine.signature());
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rsv, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rsv, 32, 64));
        BigInteger highS = Sign.CURVE_PARAMS.getN().subtract(s);
        int flippedV = rsv[64] == 27 ? 28 : 27;

        Cheque malleated = new Cheque(channel.key(), genuine.balance(), hex(r, highS, flippedV));
        Cheque zeroOneV = new Cheque(channel.key(), genuine.balance(), hex(r, s, rsv[64] - 27));

        BigInteger stillTheConsumersKey = Sign.recoverFromSignature(flippedV - 27, new ECDSASignature(r, highS),
                signatures.balanceProofDigest(channel.key(), genuine.balance()));
        assertThat("0x" + Keys.getAddress(stillTheConsumersKey)).as("plain ECDSA accepts it").isEqualTo(channel.consumer());
        assertThat(signatures.signerOf(malleated)).isEmpty();
        assertThat(signatures.signerOf(zeroOneV)).isEmpty();
        assertThat(account.judge(malleated, signatures)).isEqualTo(ChequeVerdict.NOT_SIGNED_BY_CONSUMER);
        assertThat(revertOfCooperativeClose(channel, malleated)).startsWith("InvalidBalanceProof(");
        assertThat(revertOfCooperativeClose(channel, zeroOneV)).startsWith("InvalidBalanceProof(");
        assertThat(account.judge(genuine, signatures)).isEqualTo(ChequeVerdict.ACCEPTED);
    }

    // ------------------------------------------------------------------ helpers

    private static Channel open(BigInteger deposit) throws Exception {
        TransactionReceipt receipt = asConsumer.createChannel(agent.getAddress(), offering, deposit).send();
        PaymentChannels.ChannelCreatedEventResponse created = PaymentChannels.getChannelCreatedEvents(receipt).get(0);
        return new Channel(Numeric.toHexString(created.key), created.openBlock, created.consumer.toLowerCase(), created.deposit);
    }

    /** A cheque as the consumer's wallet signs it: the typed data Tollway hands out, {@code eth_signTypedData_v4}. */
    private static Cheque walletCheque(Credentials signer, String key, BigInteger balance) throws Exception {
        return signed(signer, signatures.balanceProofTypedData(key, balance), key, balance);
    }

    private static Cheque signed(Credentials signer, String typedData, String key, BigInteger balance) throws Exception {
        Sign.SignatureData signature = Sign.signTypedData(typedData, signer.getEcKeyPair());
        return new Cheque(key, balance, hex(new BigInteger(1, signature.getR()), new BigInteger(1, signature.getS()), signature.getV()[0]));
    }

    private static String hex(BigInteger r, BigInteger s, int v) {
        return "0x" + Numeric.toHexStringNoPrefixZeroPadded(r, 64) + Numeric.toHexStringNoPrefixZeroPadded(s, 64)
                + String.format("%02x", v & 0xff);
    }

    /** The agent's consent to close at the cheque's balance, signed from Tollway's closing typed data. */
    private static byte[] closingSignature(Cheque cheque) throws Exception {
        Sign.SignatureData signature = Sign.signTypedData(signatures.closingProofTypedData(cheque.channelKey(), cheque.balance()),
                agent.getEcKeyPair());
        return Numeric.hexStringToByteArray(hex(new BigInteger(1, signature.getR()), new BigInteger(1, signature.getS()), signature.getV()[0]));
    }

    private static RemoteFunctionCall<TransactionReceipt> cooperativeClose(Channel channel, Cheque cheque) throws Exception {
        return asAgent.cooperativeClose(channel.consumer(), agent.getAddress(), channel.openBlock(), offering, cheque.balance(),
                Numeric.hexStringToByteArray(cheque.signature()), closingSignature(cheque));
    }

    private static TransactionReceipt closeCooperatively(Channel channel, Cheque cheque) throws Exception {
        return cooperativeClose(channel, cheque).send();
    }

    /** The custom error the contract reverts with when asked to close with {@code cheque} (simulated with eth_call). */
    private static String revertOfCooperativeClose(Channel channel, Cheque cheque) throws Exception {
        EthCall result = web3j.ethCall(Transaction.createEthCallTransaction(agent.getAddress(), asAgent.getContractAddress(),
                cooperativeClose(channel, cheque).encodeFunctionCall()), DefaultBlockParameterName.LATEST).send();
        assertThat(result.hasError()).as("the contract refuses the cheque").isTrue();
        return REVERTS.explain(result.getError().getData().replace("\"", ""));
    }

    private static BigInteger credited(Credentials party) throws Exception {
        return asAgent.accountOf(party.getAddress()).send().component1();
    }

    private static void nextBlockAt(long timestamp) {
        anvil.call("evm_setNextBlockTimestamp", "[" + timestamp + "]");
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
