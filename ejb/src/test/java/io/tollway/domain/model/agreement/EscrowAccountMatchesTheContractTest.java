package io.tollway.domain.model.agreement;

import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.generated.TestToken;
import io.tollway.devkit.Anvil;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

import static io.tollway.domain.model.agreement.EscrowTerms.FULL_UPTIME_BPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The off-chain ledger and {@code ServiceEscrow} on a real EVM go through the same life and must
 * agree to the last unit after every step: the console's balances are only as good as this.
 */
class EscrowAccountMatchesTheContractTest {

    private static final StaticGasProvider GAS = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(15_000_000L));
    /** Odd prices so that every division rounds. */
    private static final EscrowTerms TERMS = new EscrowTerms(big(1_000_003), big(7_777_777), big(5_555_557), 901);
    private static final byte[] REF = new byte[32];

    private static Anvil anvil;
    private static Web3j web3j;
    private static ServiceEscrow asConsumer;
    private static ServiceEscrow asProvider;
    private static String consumer;
    private static String provider;

    @BeforeAll
    static void deploy() throws Exception {
        anvil = Anvil.start();
        web3j = Web3j.build(new HttpService(anvil.rpcUrl(),
                new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build()));
        Credentials operatorKey = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(0));
        Credentials consumerKey = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(1));
        Credentials providerKey = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(2));
        consumer = consumerKey.getAddress();
        provider = providerKey.getAddress();
        TestToken token = TestToken.deploy(web3j, manager(operatorKey), GAS, "Test", "TST").send();
        ServiceEscrow escrow = ServiceEscrow.deploy(web3j, manager(operatorKey), GAS, token.getContractAddress()).send();
        asConsumer = ServiceEscrow.load(escrow.getContractAddress(), web3j, manager(consumerKey), GAS);
        asProvider = ServiceEscrow.load(escrow.getContractAddress(), web3j, manager(providerKey), GAS);
        TestToken consumerToken = TestToken.load(token.getContractAddress(), web3j, manager(consumerKey), GAS);
        consumerToken.mint(consumer, big(1_000_000_000_000L)).send();
        consumerToken.approve(escrow.getContractAddress(), big(1_000_000_000_000L)).send();
    }

    private static RawTransactionManager manager(Credentials key) {
        return new RawTransactionManager(web3j, key, Anvil.CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 20, 1500));
    }

    @AfterAll
    static void stop() {
        web3j.shutdown();
        anvil.close();
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void ledgerAndContractAgreeThroughBillsTopUpStopAndRefund() throws Exception {
        BigInteger id = approvedAgreement();
        long t = latestTimestamp() + 10;
        at(t);
        asConsumer.deposit(id, big(50_000_000)).send();
        EscrowAccount account = EscrowAccount.activate(TERMS, big(50_000_000), Instant.ofEpochSecond(t));
        assertSame(id, account, t);

        t += 613;
        BigInteger usage = TERMS.usageCap(613);
        at(t);
        asProvider.bill(id, usage, REF).send();
        assertThat(account.bill(usage, Instant.ofEpochSecond(t), FULL_UPTIME_BPS).outcome()).isEqualTo(EscrowAccount.Bill.Outcome.PAID);
        assertSame(id, account, t);

        t += 100;
        BigInteger overCap = TERMS.usageCap(100).add(BigInteger.ONE);
        at(t);
        assertThatThrownBy(() -> asProvider.bill(id, overCap, REF).send()).as("the contract refuses it too");
        assertThat(account.bill(overCap, Instant.ofEpochSecond(t), FULL_UPTIME_BPS).outcome()).isEqualTo(EscrowAccount.Bill.Outcome.OVER_CAP);

        t += 77;
        at(t);
        asConsumer.deposit(id, big(3_333_333)).send();
        account.topUp(big(3_333_333));
        assertSame(id, account, t + 2_345);

        t += 3 * 3600 + 17; // a late bill: only one hour counts
        at(t);
        asProvider.bill(id, BigInteger.ZERO, REF).send();
        account.bill(BigInteger.ZERO, Instant.ofEpochSecond(t), FULL_UPTIME_BPS);
        assertSame(id, account, t);

        t += 1_999;
        at(t);
        asConsumer.stop(id).send();
        account.stop(Instant.ofEpochSecond(t), FULL_UPTIME_BPS);
        assertSame(id, account, t);
        asConsumer.withdrawRefund(id).send();
        account.refund();
        assertSame(id, account, t + 1);
    }

    @Test
    void ledgerAndContractAgreeWhenTheDepositRunsOut() throws Exception {
        BigInteger id = approvedAgreement();
        long t = latestTimestamp() + 10;
        BigInteger deposit = TERMS.minimumFirstDeposit().add(big(4_000_000));
        at(t);
        asConsumer.deposit(id, deposit).send();
        EscrowAccount account = EscrowAccount.activate(TERMS, deposit, Instant.ofEpochSecond(t));
        long projected = account.outOfFundsAt().orElseThrow().getEpochSecond();

        at(projected);
        asProvider.bill(id, BigInteger.ZERO, REF).send();
        assertThat(account.bill(BigInteger.ZERO, Instant.ofEpochSecond(projected), FULL_UPTIME_BPS).outcome())
                .as("the projected moment is the first at which the deposit no longer covers the base fee")
                .isEqualTo(EscrowAccount.Bill.Outcome.OUT_OF_FUNDS);
        assertThat(asConsumer.agreement(id).send().status.intValue()).isEqualTo(6); // OutOfFunds
        assertSame(id, account, projected);
    }

    private static BigInteger approvedAgreement() throws Exception {
        var created = asConsumer.createAgreement(consumer, provider).send();
        BigInteger id = asConsumer.getAgreementCreatedEvents(created).get(0).id;
        asProvider.setTerms(id, TERMS.setupFee(), TERMS.baseFeePerHour(), TERMS.variableFeePerHour(),
                big(TERMS.lockupSeconds()), "0x0000000000000000000000000000000000000000").send();
        asConsumer.setMetadata(id, "ledger check").send();
        byte[] hash = asConsumer.termsHash(id).send();
        asConsumer.approve(id, hash).send();
        asProvider.approve(id, hash).send();
        return id;
    }

    private static void assertSame(BigInteger id, EscrowAccount account, long at) throws Exception {
        ServiceEscrow.AgreementView onChain = asConsumer.agreement(id).send();
        assertThat(onChain.remaining).as("remaining").isEqualTo(account.remaining());
        assertThat(onChain.deposited).as("deposited").isEqualTo(account.deposited());
        Tuple3<BigInteger, BigInteger, BigInteger> balances = asConsumer.balancesAt(id, big(at)).send();
        EscrowAccount.Balances offChain = account.balancesAt(Instant.ofEpochSecond(at), FULL_UPTIME_BPS);
        assertThat(balances.component1()).as("consumer remaining at %d", at).isEqualTo(offChain.consumerRemaining());
        assertThat(balances.component2()).as("provider earned at %d", at).isEqualTo(offChain.providerEarned());
        assertThat(balances.component3()).as("accrued at %d", at).isEqualTo(offChain.accrued());
    }

    private static void at(long timestamp) {
        anvil.call("evm_setNextBlockTimestamp", "[" + timestamp + "]");
    }

    private static long latestTimestamp() throws Exception {
        return web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
                .send().getBlock().getTimestamp().longValueExact();
    }
}
