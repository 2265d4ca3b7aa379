package io.tollway.infrastructure.chain.events;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.generated.TestToken;
import io.tollway.devkit.Anvil;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.math.BigInteger;
import java.util.List;

/**
 * Tollway's token, escrow and channels deployed on a fresh anvil, with a consumer and a provider
 * (who is also the channels' agent) funded and allowed to spend, and short ways to make the
 * contracts emit each event the reader hands to the domain. Public for the tests of the escrow
 * and channel calls, which need the same chain.
 */
public final class TollwayOnChain implements AutoCloseable {

    public static final StaticGasProvider GAS = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(15_000_000L));
    public static final String NO_ARBITER = "0x0000000000000000000000000000000000000000";

    /** A channel as its consumer must name it in later calls. */
    record Channel(byte[] offering, BigInteger openBlock, byte[] key) {
    }

    public final Anvil anvil;
    public final Web3j web3j;
    public final Credentials operator = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(0));
    public final Credentials consumer = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(1));
    public final Credentials provider = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(2));
    public final String tokenAddress;
    public final String escrowAddress;
    public final String channelsAddress;
    private final ServiceEscrow escrowAsConsumer;
    private final ServiceEscrow escrowAsProvider;
    private final PaymentChannels channelsAsOperator;
    private final PaymentChannels channelsAsConsumer;
    private final PaymentChannels channelsAsAgent;

    private TollwayOnChain(Anvil anvil) throws Exception {
        this.anvil = anvil;
        this.web3j = web3j(anvil.rpcUrl());
        tokenAddress = TestToken.deploy(web3j, transactions(operator), GAS, "Test", "TST").send().getContractAddress();
        String token = tokenAddress;
        escrowAddress = ServiceEscrow.deploy(web3j, transactions(operator), GAS, token).send().getContractAddress();
        channelsAddress = PaymentChannels.deploy(web3j, transactions(operator), GAS, token,
                BigInteger.valueOf(3600), BigInteger.valueOf(86_400), BigInteger.valueOf(3600)).send().getContractAddress();
        escrowAsConsumer = ServiceEscrow.load(escrowAddress, web3j, transactions(consumer), GAS);
        escrowAsProvider = ServiceEscrow.load(escrowAddress, web3j, transactions(provider), GAS);
        channelsAsOperator = PaymentChannels.load(channelsAddress, web3j, transactions(operator), GAS);
        channelsAsConsumer = PaymentChannels.load(channelsAddress, web3j, transactions(consumer), GAS);
        channelsAsAgent = PaymentChannels.load(channelsAddress, web3j, transactions(provider), GAS);
        BigInteger plenty = BigInteger.TEN.pow(30);
        for (Credentials party : List.of(consumer, provider)) {
            TestToken asParty = TestToken.load(token, web3j, transactions(party), GAS);
            asParty.mint(party.getAddress(), plenty).send();
            asParty.approve(escrowAddress, plenty).send();
            asParty.approve(channelsAddress, plenty).send();
        }
    }

    public static TollwayOnChain deploy() throws Exception {
        Anvil anvil = Anvil.start();
        try {
            return new TollwayOnChain(anvil);
        } catch (Exception | Error e) {
            anvil.close();
            throw e;
        }
    }

    static Web3j web3j(String rpcUrl) {
        return Web3j.build(new HttpService(rpcUrl, new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build()));
    }

    public RawTransactionManager transactions(Credentials key) {
        return new RawTransactionManager(web3j, key, Anvil.CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 20, 1500));
    }

    ReaderSettings settings(String readerName, long startBlock, int confirmations) {
        return new ReaderSettings(readerName, escrowAddress, channelsAddress, startBlock, confirmations, 50);
    }

    long head() {
        return anvil.blockNumber();
    }

    public long latestTimestamp() throws Exception {
        return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
    }

    public void nextBlockAt(long timestamp) {
        anvil.call("evm_setNextBlockTimestamp", "[" + timestamp + "]");
    }

    // ------------------------------------------------------------------ escrow

    /** A new agreement between the consumer and the provider, approved by both: emits AgreementApproved. */
    BigInteger approvedAgreement(long setupFee, long baseFeePerHour, long variableFeePerHour) throws Exception {
        var created = escrowAsConsumer.createAgreement(consumer.getAddress(), provider.getAddress()).send();
        BigInteger id = ServiceEscrow.getAgreementCreatedEvents(created).get(0).id;
        escrowAsProvider.setTerms(id, big(setupFee), big(baseFeePerHour), big(variableFeePerHour), BigInteger.ZERO, NO_ARBITER).send();
        escrowAsConsumer.setMetadata(id, "agreement " + id).send();
        byte[] termsHash = escrowAsConsumer.termsHash(id).send();
        escrowAsConsumer.approve(id, termsHash).send();
        escrowAsProvider.approve(id, termsHash).send();
        return id;
    }

    TransactionReceipt deposit(BigInteger agreementId, long amount) throws Exception {
        return escrowAsConsumer.deposit(agreementId, big(amount)).send();
    }

    TransactionReceipt bill(BigInteger agreementId, long variableAmount, String ref) throws Exception {
        return escrowAsProvider.bill(agreementId, big(variableAmount), Hash.sha3(ref.getBytes())).send();
    }

    // ------------------------------------------------------------------ channels

    byte[] registerOffering(String name, long minDeposit, int supply) throws Exception {
        byte[] offering = Hash.sha3(name.getBytes());
        channelsAsAgent.registerOffering(offering, big(minDeposit), big(supply)).send();
        return offering;
    }

    void setNetworkFee(int bps) throws Exception {
        channelsAsOperator.setNetworkFee(big(bps)).send();
    }

    Channel openChannel(byte[] offering, long deposit) throws Exception {
        var receipt = channelsAsConsumer.createChannel(provider.getAddress(), offering, big(deposit)).send();
        var created = PaymentChannels.getChannelCreatedEvents(receipt).get(0);
        return new Channel(offering, created.openBlock, created.key);
    }

    TransactionReceipt topUp(Channel channel, long amount) throws Exception {
        return channelsAsConsumer.topUp(provider.getAddress(), channel.openBlock(), channel.offering(), big(amount)).send();
    }

    TransactionReceipt requestClose(Channel channel, long balance) throws Exception {
        return channelsAsConsumer.uncooperativeClose(provider.getAddress(), channel.openBlock(), channel.offering(), big(balance)).send();
    }

    TransactionReceipt settle(Channel channel) throws Exception {
        return channelsAsConsumer.settle(provider.getAddress(), channel.openBlock(), channel.offering()).send();
    }

    /** Both parties sign the contract's own EIP-712 digests of the balance; anyone may then close. */
    TransactionReceipt closeCooperatively(Channel channel, long balance) throws Exception {
        byte[] balanceProof = sign(channelsAsConsumer.balanceProofDigest(channel.key(), big(balance)).send(), consumer);
        byte[] closingProof = sign(channelsAsAgent.closingProofDigest(channel.key(), big(balance)).send(), provider);
        return channelsAsAgent.cooperativeClose(consumer.getAddress(), provider.getAddress(), channel.openBlock(),
                channel.offering(), big(balance), balanceProof, closingProof).send();
    }

    private static byte[] sign(byte[] digest, Credentials signer) {
        Sign.SignatureData signature = Sign.signMessage(digest, signer.getEcKeyPair(), false);
        byte[] rsv = new byte[65];
        System.arraycopy(signature.getR(), 0, rsv, 0, 32);
        System.arraycopy(signature.getS(), 0, rsv, 32, 32);
        rsv[64] = signature.getV()[0];
        return rsv;
    }

    public static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @Override
    public void close() {
        web3j.shutdown();
        anvil.close();
    }
}
