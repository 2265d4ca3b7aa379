package io.tollway.contracts;

import static io.tollway.contracts.support.Tollway.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.support.Agreements;
import io.tollway.contracts.support.Agreements.Terms;
import io.tollway.contracts.support.Channels;
import io.tollway.contracts.support.Channels.Channel;
import io.tollway.contracts.support.ContractErrors;
import io.tollway.contracts.support.Party;
import io.tollway.contracts.support.Status;
import io.tollway.contracts.support.TestChain;
import io.tollway.contracts.support.Tollway;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Hundreds of random deposits, bills, stops, withdrawals, channel opens, top-ups and closes
 * across many agreements and channels. After every step: each contract's token balance equals
 * the sum of everyone's claims on it, and every balance equals an independent Java model of the
 * formulas to the last unit. Seed: {@code -Dtollway.seed=...} (printed on failure).
 */
class RandomizedInvariantTest {

    private static final int STEPS = 300;
    private static final BigInteger HOUR = BigInteger.valueOf(3600);
    private static final int FEE_BPS = 250;

    private static TestChain chain;
    private static Tollway tollway;

    @BeforeAll
    static void start() {
        chain = TestChain.start();
        tollway = Tollway.deploy(chain);
        for (int i = 1; i < 10; i++) {
            tollway.fund(chain.party(i), tokens(10_000_000));
        }
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    // ------------------------------------------------------------------ the model

    /** The off-chain formula of one agreement, written independently of the contract. */
    static final class AgreementModel {
        final BigInteger id;
        final Party consumer;
        final Party provider;
        final BigInteger setupFee;
        final BigInteger baseFeePerHour;
        final BigInteger variableFeePerHour;
        final long lockupSeconds;
        int status = Status.ACTIVE;
        BigInteger remaining = BigInteger.ZERO;
        BigInteger deposited = BigInteger.ZERO;
        BigInteger refunded = BigInteger.ZERO;
        long lastBill;

        AgreementModel(BigInteger id, Party consumer, Party provider, Terms terms) {
            this.id = id;
            this.consumer = consumer;
            this.provider = provider;
            this.setupFee = terms.setupFee();
            this.baseFeePerHour = terms.baseFeePerHour();
            this.variableFeePerHour = terms.variableFeePerHour();
            this.lockupSeconds = terms.lockupSeconds();
        }

        long billable(long now) {
            return Math.min(Math.max(now - lastBill, 0), 3600);
        }

        BigInteger cap(long now) {
            return variableFeePerHour.multiply(BigInteger.valueOf(billable(now))).divide(HOUR);
        }

        BigInteger base(long now) {
            return baseFeePerHour.multiply(BigInteger.valueOf(billable(now))).divide(HOUR);
        }

        BigInteger reserve() {
            return baseFeePerHour.multiply(BigInteger.valueOf(lockupSeconds)).divide(HOUR);
        }
    }

    static final class ChannelModel {
        final Channel channel;
        BigInteger deposit;
        final int feeBps;
        boolean closing;
        BigInteger claimed = BigInteger.ZERO;
        long settleAfter;

        ChannelModel(Channel channel, BigInteger deposit, int feeBps) {
            this.channel = channel;
            this.deposit = deposit;
            this.feeBps = feeBps;
        }
    }

    private final Map<BigInteger, AgreementModel> agreements = new HashMap<>();
    private final Map<String, BigInteger> earned = new HashMap<>();
    private final Map<String, BigInteger> withdrawn = new HashMap<>();
    private final List<ChannelModel> channels = new ArrayList<>();
    private final Map<String, BigInteger> credited = new HashMap<>();
    private final Map<String, BigInteger> channelWithdrawn = new HashMap<>();
    private BigInteger stakes = BigInteger.ZERO;

    private final Agreements setup = new Agreements(tollway);
    private final Channels channelSetup = new Channels(tollway);
    private Random random;
    private int billsPaid;
    private int outOfFunds;
    private int closes;

    private static BigInteger add(Map<String, BigInteger> map, String key, BigInteger amount) {
        return map.merge(key.toLowerCase(), amount, BigInteger::add);
    }

    private static BigInteger get(Map<String, BigInteger> map, String key) {
        return map.getOrDefault(key.toLowerCase(), BigInteger.ZERO);
    }

    // ------------------------------------------------------------------ the run

    @Test
    void randomOperationsKeepEveryBalanceEqualToTheModel() throws Exception {
        long seed = Long.getLong("tollway.seed", 20_251_120L);
        random = new Random(seed);
        tollway.channels(chain.party(0)).setNetworkFee(BigInteger.valueOf(FEE_BPS)).send();
        List<byte[]> offerings = List.of(
                channelSetup.offering(chain.party(2), "random-a", tokens(10), 20),
                channelSetup.offering(chain.party(6), "random-b", tokens(3), 20));
        stakes = tokens(10 * 20 + 3 * 20);
        for (int i = 0; i < 4; i++) {
            newAgreement();
        }
        int step = 0;
        try {
            for (step = 0; step < STEPS; step++) {
                int dice = random.nextInt(100);
                if (dice < 6) {
                    newAgreement();
                } else if (dice < 14) {
                    topUpAgreement();
                } else if (dice < 34) {
                    bill();
                } else if (dice < 40) {
                    billMany();
                } else if (dice < 45) {
                    stopAgreement();
                } else if (dice < 50) {
                    withdrawEarnings();
                } else if (dice < 54) {
                    withdrawRefund();
                } else if (dice < 62) {
                    openChannel(offerings);
                } else if (dice < 68) {
                    topUpChannel();
                } else if (dice < 76) {
                    closeCooperatively();
                } else if (dice < 82) {
                    closeUncooperatively();
                } else if (dice < 88) {
                    settle();
                } else if (dice < 92) {
                    withdrawFromChannels();
                } else {
                    chain.advance(1 + random.nextInt(1800));
                }
                checkInvariants();
            }
        } catch (AssertionError | Exception e) {
            throw new AssertionError("random sequence failed at step " + step + " with seed " + seed, e);
        }
        System.out.printf("randomized: %d steps, %d agreements, %d bills paid, %d out of funds, %d channels, %d closes%n",
                STEPS, agreements.size(), billsPaid, outOfFunds, channels.size(), closes);
        assertThat(billsPaid).isGreaterThan(30);
        assertThat(closes).isGreaterThan(10);
    }

    // ------------------------------------------------------------------ escrow steps

    private Party pick(int... indices) {
        return chain.party(indices[random.nextInt(indices.length)]);
    }

    private AgreementModel randomAgreement(int status) {
        List<AgreementModel> candidates = agreements.values().stream().filter(a -> a.status == status)
                .sorted((x, y) -> x.id.compareTo(y.id)).toList();
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private void newAgreement() throws Exception {
        Party consumer = pick(1, 5, 7);
        Party provider = pick(2, 6, 8);
        BigInteger base = BigInteger.valueOf(1 + random.nextInt(1_000_000)).multiply(BigInteger.valueOf(1_000_000_007L));
        Terms terms = new Terms(BigInteger.valueOf(random.nextInt(1_000_000)), base,
                base.multiply(BigInteger.valueOf(random.nextInt(3))), random.nextBoolean() ? 0 : random.nextInt(1800),
                Agreements.NO_ARBITER);
        BigInteger id = setup.approved(consumer, provider, terms);
        AgreementModel a = new AgreementModel(id, consumer, provider, terms);
        BigInteger amount = terms.setupFee().add(terms.lockupAmount())
                .add(base.multiply(BigInteger.valueOf(random.nextInt(12))).divide(BigInteger.TWO)).add(BigInteger.ONE);
        TransactionReceipt receipt = tollway.escrow(consumer).deposit(id, amount).send();
        a.lastBill = chain.timestampOf(receipt);
        a.deposited = amount;
        a.remaining = amount.subtract(a.setupFee);
        add(earned, provider.address(), a.setupFee);
        agreements.put(id, a);
    }

    private void topUpAgreement() throws Exception {
        AgreementModel a = randomAgreement(Status.ACTIVE);
        if (a == null) {
            return;
        }
        BigInteger amount = a.baseFeePerHour.multiply(BigInteger.valueOf(1 + random.nextInt(3))).divide(BigInteger.TWO);
        tollway.escrow(a.consumer).deposit(a.id, amount).send();
        a.remaining = a.remaining.add(amount);
        a.deposited = a.deposited.add(amount);
    }

    private long nextTimestamp() {
        long now = chain.latestTimestamp() + 1 + random.nextInt(random.nextInt(10) == 0 ? 7200 : 1200);
        chain.setNextBlockTimestamp(now);
        return now;
    }

    private void bill() throws Exception {
        AgreementModel a = randomAgreement(Status.ACTIVE);
        if (a == null) {
            return;
        }
        long now = nextTimestamp();
        BigInteger cap = a.cap(now);
        BigInteger variable = random.nextInt(8) == 0
                ? cap.add(BigInteger.ONE)
                : cap.signum() == 0 ? BigInteger.ZERO : new BigInteger(cap.bitLength(), random).mod(cap.add(BigInteger.ONE));
        byte[] ref = Hash.sha3(("bill-" + a.id + "-" + now).getBytes());
        if (variable.compareTo(cap) > 0) {
            chain.mineAt(now);
            assertThat(ContractErrors.revertError(tollway.escrowAddress(), a.provider,
                    tollway.escrow(a.provider).bill(a.id, variable, ref))).isEqualTo("OverCap");
            return;
        }
        TransactionReceipt receipt = tollway.escrow(a.provider).bill(a.id, variable, ref).send();
        assertThat(chain.timestampOf(receipt)).isEqualTo(now);
        applyBill(a, variable, now);
    }

    private BigInteger applyBill(AgreementModel a, BigInteger variable, long now) {
        BigInteger owed = a.base(now).add(variable);
        a.lastBill = now;
        if (owed.add(a.reserve()).compareTo(a.remaining) <= 0) {
            a.remaining = a.remaining.subtract(owed);
            add(earned, a.provider.address(), owed);
            billsPaid++;
            return owed;
        }
        BigInteger paid = a.remaining;
        add(earned, a.provider.address(), paid);
        a.remaining = BigInteger.ZERO;
        a.status = Status.OUT_OF_FUNDS;
        outOfFunds++;
        return paid;
    }

    private void billMany() throws Exception {
        Party provider = pick(2, 6, 8);
        List<AgreementModel> mine = agreements.values().stream()
                .filter(a -> random.nextInt(3) > 0)
                .sorted((x, y) -> x.id.compareTo(y.id)).toList();
        if (mine.isEmpty()) {
            return;
        }
        long now = nextTimestamp();
        List<ServiceEscrow.BillRequest> requests = new ArrayList<>();
        List<AgreementModel> billable = new ArrayList<>();
        List<BigInteger> variables = new ArrayList<>();
        for (AgreementModel a : mine) {
            BigInteger variable = a.cap(now).divide(BigInteger.TWO);
            requests.add(new ServiceEscrow.BillRequest(a.id, variable, Hash.sha3(("many-" + now).getBytes())));
            if (a.status == Status.ACTIVE && a.provider.equals(provider)) {
                billable.add(a);
                variables.add(variable);
            }
        }
        TransactionReceipt receipt = tollway.escrow(provider).billMany(requests).send();
        for (int i = 0; i < billable.size(); i++) {
            applyBill(billable.get(i), variables.get(i), now);
        }
        assertThat(tollway.escrow(provider).getBillRejectedEvents(receipt)).hasSize(requests.size() - billable.size());
    }

    private void stopAgreement() throws Exception {
        AgreementModel a = randomAgreement(Status.ACTIVE);
        if (a == null) {
            return;
        }
        long now = nextTimestamp();
        Party by = random.nextBoolean() ? a.consumer : a.provider;
        tollway.escrow(by).stop(a.id).send();
        BigInteger owed = a.base(now).add(a.reserve());
        BigInteger settled = owed.min(a.remaining);
        a.remaining = a.remaining.subtract(settled);
        add(earned, a.provider.address(), settled);
        a.status = Status.STOPPED;
        a.lastBill = now;
    }

    private void withdrawEarnings() throws Exception {
        Party provider = pick(2, 6, 8);
        BigInteger due = get(earned, provider.address()).subtract(get(withdrawn, provider.address()));
        if (due.signum() == 0) {
            assertThat(ContractErrors.revertError(tollway.escrowAddress(), provider,
                    tollway.escrow(provider).withdrawEarnings())).isEqualTo("NothingToWithdraw");
            return;
        }
        BigInteger before = tollway.balanceOf(provider.address());
        tollway.escrow(provider).withdrawEarnings().send();
        add(withdrawn, provider.address(), due);
        assertThat(tollway.balanceOf(provider.address())).isEqualTo(before.add(due));
    }

    private void withdrawRefund() throws Exception {
        AgreementModel a = agreements.values().stream()
                .filter(x -> x.status == Status.STOPPED && x.remaining.signum() > 0)
                .sorted((x, y) -> x.id.compareTo(y.id)).findFirst().orElse(null);
        if (a == null) {
            return;
        }
        tollway.escrow(a.consumer).withdrawRefund(a.id).send();
        a.refunded = a.refunded.add(a.remaining);
        a.remaining = BigInteger.ZERO;
    }

    // ------------------------------------------------------------------ channel steps

    private ChannelModel randomChannel(boolean closing) {
        List<ChannelModel> open = channels.stream().filter(c -> c.deposit.signum() > 0 && c.closing == closing).toList();
        return open.isEmpty() ? null : open.get(random.nextInt(open.size()));
    }

    private void openChannel(List<byte[]> offerings) throws Exception {
        int which = random.nextInt(2);
        byte[] offering = offerings.get(which);
        Party agent = which == 0 ? chain.party(2) : chain.party(6);
        Party consumer = pick(1, 5, 7);
        if (tollway.channels(consumer).offering(offering).send().available.signum() == 0) {
            return;
        }
        BigInteger deposit = tokens(which == 0 ? 10 : 3).add(BigInteger.valueOf(random.nextInt(1_000_000_000)));
        Channel channel = channelSetup.open(consumer, agent, offering, deposit);
        channels.add(new ChannelModel(channel, deposit, FEE_BPS));
    }

    private void topUpChannel() throws Exception {
        ChannelModel c = randomChannel(false);
        if (c == null) {
            return;
        }
        BigInteger amount = BigInteger.valueOf(1 + random.nextInt(1_000_000));
        tollway.channels(c.channel.consumer()).topUp(c.channel.agent().address(), c.channel.openBlock(), c.channel.offering(), amount).send();
        c.deposit = c.deposit.add(amount);
    }

    private BigInteger randomBalance(ChannelModel c, BigInteger atLeast) {
        BigInteger span = c.deposit.subtract(atLeast).add(BigInteger.ONE);
        return atLeast.add(new BigInteger(span.bitLength(), random).mod(span));
    }

    private void closeCooperatively() throws Exception {
        ChannelModel c = randomChannel(random.nextInt(3) == 0);
        if (c == null) {
            return;
        }
        BigInteger balance = randomBalance(c, c.closing ? c.claimed : BigInteger.ZERO);
        channelSetup.closeCooperatively(pick(0, 2, 3, 6), c.channel, balance);
        payOut(c, balance);
    }

    private void closeUncooperatively() throws Exception {
        ChannelModel c = randomChannel(false);
        if (c == null) {
            return;
        }
        BigInteger claimed = randomBalance(c, BigInteger.ZERO);
        TransactionReceipt receipt = tollway.channels(c.channel.consumer()).uncooperativeClose(c.channel.agent().address(),
                c.channel.openBlock(), c.channel.offering(), claimed).send();
        c.closing = true;
        c.claimed = claimed;
        c.settleAfter = chain.timestampOf(receipt) + Tollway.CHALLENGE_PERIOD;
    }

    private void settle() throws Exception {
        ChannelModel c = randomChannel(true);
        if (c == null) {
            return;
        }
        PaymentChannels asConsumer = tollway.channels(c.channel.consumer());
        if (chain.latestTimestamp() + 1 < c.settleAfter) {
            assertThat(ContractErrors.revertError(tollway.channelsAddress(), c.channel.consumer(),
                    asConsumer.settle(c.channel.agent().address(), c.channel.openBlock(), c.channel.offering()))).isEqualTo("TooEarly");
            chain.setNextBlockTimestamp(c.settleAfter);
        }
        asConsumer.settle(c.channel.agent().address(), c.channel.openBlock(), c.channel.offering()).send();
        payOut(c, c.claimed);
    }

    private void payOut(ChannelModel c, BigInteger balance) {
        BigInteger fee = balance.multiply(BigInteger.valueOf(c.feeBps)).divide(BigInteger.valueOf(10_000));
        add(credited, chain.party(0).address(), fee);
        add(credited, c.channel.agent().address(), balance.subtract(fee));
        add(credited, c.channel.consumer().address(), c.deposit.subtract(balance));
        c.deposit = BigInteger.ZERO;
        c.closing = false;
        closes++;
    }

    private void withdrawFromChannels() throws Exception {
        Party party = pick(0, 1, 2, 5, 6, 7);
        BigInteger due = get(credited, party.address()).subtract(get(channelWithdrawn, party.address()));
        if (due.signum() == 0) {
            return;
        }
        tollway.channels(party).withdraw().send();
        add(channelWithdrawn, party.address(), due);
    }

    // ------------------------------------------------------------------ invariants

    private void checkInvariants() throws Exception {
        ServiceEscrow escrow = tollway.escrow(chain.party(0));
        BigInteger escrowClaims = BigInteger.ZERO;
        for (AgreementModel a : agreements.values()) {
            ServiceEscrow.AgreementView v = escrow.agreement(a.id).send();
            assertThat(v.status.intValue()).as("status of agreement %s", a.id).isEqualTo(a.status);
            assertThat(v.remaining).as("remaining of agreement %s", a.id).isEqualTo(a.remaining);
            assertThat(v.lastBillAt.longValueExact()).as("last bill of agreement %s", a.id).isEqualTo(a.lastBill);
            assertThat(v.refunded).isEqualTo(a.refunded);
            assertThat(v.deposited).isEqualTo(a.deposited);
            escrowClaims = escrowClaims.add(a.remaining);
        }
        for (int i : new int[] {2, 6, 8}) {
            String provider = chain.party(i).address();
            var onChain = escrow.earningsOf(provider).send();
            assertThat(onChain.component1()).as("earned by %s", provider).isEqualTo(get(earned, provider));
            assertThat(onChain.component2()).as("withdrawn by %s", provider).isEqualTo(get(withdrawn, provider));
            escrowClaims = escrowClaims.add(onChain.component3());
        }
        assertThat(tollway.balanceOf(tollway.escrowAddress())).as("escrow holds exactly everyone's claims").isEqualTo(escrowClaims);

        PaymentChannels pc = tollway.channels(chain.party(0));
        BigInteger channelClaims = stakes;
        for (ChannelModel c : channels) {
            var state = pc.channel(c.channel.key()).send();
            assertThat(state.component1()).as("deposit of a channel").isEqualTo(c.deposit);
            channelClaims = channelClaims.add(c.deposit);
        }
        for (int i : new int[] {0, 1, 2, 5, 6, 7}) {
            String account = chain.party(i).address();
            var onChain = pc.accountOf(account).send();
            assertThat(onChain.component1()).as("credited to %s", account).isEqualTo(get(credited, account));
            assertThat(onChain.component2()).as("withdrawn by %s", account).isEqualTo(get(channelWithdrawn, account));
            channelClaims = channelClaims.add(onChain.component3());
        }
        assertThat(tollway.balanceOf(tollway.channelsAddress())).as("channels hold exactly everyone's claims").isEqualTo(channelClaims);
    }
}
