package io.tollway.contracts;

import static io.tollway.contracts.support.Tollway.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.support.Cheques;
import io.tollway.contracts.support.GasLog;
import io.tollway.contracts.support.Party;
import io.tollway.contracts.support.TestChain;
import io.tollway.contracts.support.Tollway;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Measures the gas of every operation in a steady state (accounts and token balances already
 * in use, as on a running system) and writes {@code target/gas-report.md}. The payment-channel
 * targets are the issue's, against µRaiden's reference figures.
 */
class GasReportTest {

    private static final int BATCH = 50;

    private static TestChain chain;
    private static Tollway tollway;
    private static final GasLog gas = new GasLog();

    @BeforeAll
    static void start() {
        chain = TestChain.start();
        tollway = Tollway.deploy(chain);
    }

    @AfterAll
    static void stop() throws IOException {
        chain.close();
    }

    @Test
    void measuresEveryOperationAndWritesTheReport() throws Exception {
        measureEscrow();
        measureChannels();
        List<Row> rows = rows();
        String report = render(rows);
        Path file = Path.of("target", "gas-report.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
        for (Row row : rows) {
            if (row.target > 0) {
                assertThat(row.gas).as(row.operation + " within its target").isLessThanOrEqualTo(row.target);
            }
        }
    }

    private void measureEscrow() throws Exception {
        Party consumer = chain.party(1);
        Party provider = chain.party(2);
        tollway.fund(consumer, tokens(1_000_000));
        ServiceEscrow asConsumer = tollway.escrow(consumer);
        ServiceEscrow asProvider = tollway.escrow(provider);

        List<BigInteger> ids = new ArrayList<>();
        for (int i = 0; i < BATCH + 1; i++) {
            TransactionReceipt created = gas.record("escrow.createAgreement",
                    asConsumer.createAgreement(consumer.address(), provider.address()).send());
            BigInteger id = asConsumer.getAgreementCreatedEvents(created).get(0).id;
            gas.record("escrow.setTerms", asProvider.setTerms(id, tokens(1), tokens(2), tokens(3),
                    BigInteger.valueOf(600), "0x0000000000000000000000000000000000000000").send());
            gas.record("escrow.setMetadata", asConsumer.setMetadata(id, "vpn, 100 Mbit/s, eu-west").send());
            byte[] hash = asConsumer.termsHash(id).send();
            gas.record("escrow.approve", asConsumer.approve(id, hash).send());
            gas.record("escrow.approve", asProvider.approve(id, hash).send());
            gas.record("escrow.deposit (activating)", asConsumer.deposit(id, tokens(100)).send());
            ids.add(id);
        }
        BigInteger single = ids.get(BATCH);
        gas.record("escrow.deposit (top-up)", asConsumer.deposit(single, tokens(10)).send());
        for (int round = 0; round < 3; round++) {
            chain.advance(600);
            gas.record("escrow.bill", asProvider.bill(single, tokens(1).divide(BigInteger.TEN),
                    Hash.sha3(("usage-" + round).getBytes())).send());
        }
        chain.advance(900);
        List<ServiceEscrow.BillRequest> bills = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            bills.add(new ServiceEscrow.BillRequest(ids.get(i), tokens(1).divide(BigInteger.valueOf(10)),
                    Hash.sha3(("bill-" + i).getBytes())));
        }
        TransactionReceipt many = asProvider.billMany(bills).send();
        assertThat(asProvider.getBillPaidEvents(many)).hasSize(BATCH);
        gas.record("escrow.billMany (" + BATCH + " agreements)", many);
        gas.record("escrow.billMany per agreement", many.getGasUsed().longValueExact() / BATCH);
        gas.record("escrow.withdrawEarnings", asProvider.withdrawEarnings().send());
        chain.advance(300);
        gas.record("escrow.stop", asConsumer.stop(single).send());
        gas.record("escrow.withdrawRefund", asConsumer.withdrawRefund(single).send());
    }

    private void measureChannels() throws Exception {
        Party consumer = chain.party(5);
        Party agent = chain.party(6);
        tollway.fund(consumer, tokens(1_000_000));
        tollway.fund(agent, tokens(1_000_000));
        PaymentChannels asConsumer = tollway.channels(consumer);
        PaymentChannels asAgent = tollway.channels(agent);
        byte[] offering = Hash.sha3("offering-gas".getBytes());
        gas.record("channels.registerOffering", asAgent.registerOffering(offering, tokens(10), BigInteger.valueOf(20)).send());

        // warm-up: one full cycle so the contract, the consumer and the agent all hold balances already
        for (int round = 0; round < 4; round++) {
            TransactionReceipt created = asConsumer.createChannel(agent.address(), offering, tokens(20)).send();
            if (round > 0) {
                gas.record("channels.createChannel", created);
            }
            BigInteger openBlock = created.getBlockNumber();
            byte[] key = asConsumer.getKey(consumer.address(), agent.address(), openBlock, offering).send();
            TransactionReceipt topUp = asConsumer.topUp(agent.address(), openBlock, offering, tokens(5)).send();
            if (round > 0) {
                gas.record("channels.topUp", topUp);
            }
            BigInteger balance = tokens(7 + round);
            byte[] cheque = Cheques.balanceProof(consumer.credentials(), chain.chainId(), tollway.channelsAddress(), key, balance);
            byte[] closing = Cheques.closingProof(agent.credentials(), chain.chainId(), tollway.channelsAddress(), key, balance);
            if (round % 2 == 0) {
                TransactionReceipt closed = asAgent.cooperativeClose(consumer.address(), agent.address(), openBlock,
                        offering, balance, cheque, closing).send();
                if (round > 0) {
                    gas.record("channels.cooperativeClose", closed);
                }
            } else {
                gas.record("channels.uncooperativeClose",
                        asConsumer.uncooperativeClose(agent.address(), openBlock, offering, balance).send());
                chain.advance(Tollway.CHALLENGE_PERIOD);
                gas.record("channels.settle", asConsumer.settle(agent.address(), openBlock, offering).send());
            }
        }
        // one more cooperative close for a second sample
        TransactionReceipt created = asConsumer.createChannel(agent.address(), offering, tokens(20)).send();
        BigInteger openBlock = created.getBlockNumber();
        byte[] key = asConsumer.getKey(consumer.address(), agent.address(), openBlock, offering).send();
        BigInteger balance = tokens(3);
        gas.record("channels.cooperativeClose", asAgent.cooperativeClose(consumer.address(), agent.address(), openBlock,
                offering, balance,
                Cheques.balanceProof(consumer.credentials(), chain.chainId(), tollway.channelsAddress(), key, balance),
                Cheques.closingProof(agent.credentials(), chain.chainId(), tollway.channelsAddress(), key, balance)).send());
        gas.record("channels.withdraw", asAgent.withdraw().send());

        // worst cases outside the steady state, reported for honesty
        Party fresh = chain.party(7);
        tollway.fund(fresh, tokens(1_000));
        PaymentChannels asFresh = tollway.channels(fresh);
        TransactionReceipt freshCreated = asFresh.createChannel(agent.address(), offering, tokens(20)).send();
        asFresh.uncooperativeClose(agent.address(), freshCreated.getBlockNumber(), offering, tokens(2)).send();
        chain.advance(Tollway.CHALLENGE_PERIOD);
        gas.record("channels.settle (consumer's first internal credit)",
                asFresh.settle(agent.address(), freshCreated.getBlockNumber(), offering).send());
        tollway.channels(chain.party(0)).setNetworkFee(BigInteger.valueOf(250)).send();
        for (int round = 0; round < 2; round++) { // the first fee ever credited to the owner writes a fresh slot
            TransactionReceipt feeCreated = asConsumer.createChannel(agent.address(), offering, tokens(20)).send();
            byte[] feeKey = asConsumer.getKey(consumer.address(), agent.address(), feeCreated.getBlockNumber(), offering).send();
            gas.record("channels.cooperativeClose (network fee 2.5 %)", asAgent.cooperativeClose(consumer.address(),
                    agent.address(), feeCreated.getBlockNumber(), offering, tokens(4),
                    Cheques.balanceProof(consumer.credentials(), chain.chainId(), tollway.channelsAddress(), feeKey, tokens(4)),
                    Cheques.closingProof(agent.credentials(), chain.chainId(), tollway.channelsAddress(), feeKey, tokens(4))).send());
        }
        chain.advance(Tollway.POPUP_PERIOD);
        gas.record("channels.popupOffering", asAgent.popupOffering(offering).send());
        chain.advance(Tollway.REMOVE_PERIOD);
        gas.record("channels.removeOffering", asAgent.removeOffering(offering).send());
    }

    private record Row(String operation, long gas, long min, long target, long reference) {
    }

    private static final Map<String, long[]> TARGETS = Map.of(
            "channels.createChannel", new long[] {100_000, 120_090},
            "channels.topUp", new long[] {60_000, 85_414},
            "channels.cooperativeClose", new long[] {65_000, 71_182},
            "channels.uncooperativeClose", new long[] {55_000, 53_876},
            "channels.settle", new long[] {45_000, 40_896},
            "escrow.bill", new long[] {60_000, 0},
            "escrow.billMany per agreement", new long[] {20_000, 0});

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        gas.all().forEach((operation, values) -> {
            long[] target = TARGETS.getOrDefault(operation, new long[] {0, 0});
            rows.add(new Row(operation, gas.max(operation), gas.min(operation), target[0], target[1]));
        });
        return rows;
    }

    private static String render(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("# Gas report\n\n");
        out.append("gasUsed of whole transactions on anvil (solc 0.8.28, EVM cancun, optimizer 10000 runs), ")
                .append("steady state: accounts and token balances already in use; network fee 0. ")
                .append("`max` is the highest of the measured samples.\n\n");
        out.append("| operation | max | min | target | µRaiden | verdict |\n|---|---:|---:|---:|---:|---|\n");
        for (Row row : rows) {
            String verdict = row.target == 0 ? ""
                    : row.gas <= row.target ? "met (" + (row.target - row.gas) + " below)"
                    : "MISSED by " + (row.gas - row.target);
            out.append("| ").append(row.operation)
                    .append(" | ").append(String.format("%,d", row.gas))
                    .append(" | ").append(String.format("%,d", row.min))
                    .append(" | ").append(row.target == 0 ? "" : String.format("%,d", row.target))
                    .append(" | ").append(row.reference == 0 ? "" : String.format("%,d", row.reference))
                    .append(" | ").append(verdict).append(" |\n");
        }
        out.append("""

                Notes
                - Closing a channel credits the agent's share, the network fee and the consumer's remainder to
                  internal balances (cumulative credited/withdrawn per account, one slot that never returns to
                  zero); `withdraw` moves them out, one transfer for any number of channels. This is what keeps
                  cooperativeClose and settle under their targets: a direct token transfer to the consumer costs
                  about 10,000 gas more per close (measured 65,683 / 53,247 before the change).
                - The first credit ever to an account writes a fresh storage slot (+17,100 gas), see the
                  "consumer's first internal credit" row; every later close of that account costs the steady figure.
                - A network fee above zero adds one more internal credit (the owner's): `min` of the fee row is the
                  steady figure, `max` the very first fee credited to the owner.
                - escrow.bill and billMany read three packed slots of an agreement and write one; billMany
                  credits the provider once for the whole batch. The provider's cumulative earnings slot never
                  returns to zero, so a withdrawal does not make the next bill pay for a fresh slot.
                - µRaiden's figures were measured before EIP-2929 (cold storage 2,100 gas per slot, 2,600 per
                  account); the same code costs more today, so meeting them here is not a like-for-like win.
                """);
        return out.toString();
    }
}
