package io.tollway.contracts;

import static io.tollway.contracts.support.ContractErrors.assertReverts;
import static io.tollway.contracts.support.Tollway.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.generated.UptimeOracle;
import io.tollway.contracts.support.Agreements;
import io.tollway.contracts.support.Agreements.Terms;
import io.tollway.contracts.support.ChainTest;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** UptimeOracle: monitors, status changes, uptime windows, deactivation, and the escrow's use of it. */
class UptimeOracleTest extends ChainTest {

    private static final byte[] REF = Hash.sha3("ref".getBytes());

    private final Agreements agreements = new Agreements(tollway);

    private UptimeOracle oracle(io.tollway.contracts.support.Party party) {
        return tollway.oracle(party);
    }

    private void grantMonitor(io.tollway.contracts.support.Party party) throws Exception {
        oracle(deployer).grantRole(oracle(deployer).MONITOR_ROLE().send(), party.address()).send();
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void onlyMonitorsReport() throws Exception {
        BigInteger id = agreements.created(consumer, provider);
        assertReverts("AccessControlUnauthorizedAccount", oracle(stranger), stranger, oracle(stranger).reportStatus(id, true));
        grantMonitor(monitor);
        TransactionReceipt receipt = oracle(monitor).reportStatus(id, true).send();
        assertThat(oracle(monitor).getStatusReportedEvents(receipt)).hasSize(1);
        assertThat(oracle(monitor).statusOf(id).send().component1()).isTrue();
        assertReverts("AccessControlUnauthorizedAccount", oracle(provider), provider,
                oracle(provider).grantRole(oracle(provider).MONITOR_ROLE().send(), provider.address()));
    }

    @Test
    void repeatedStatusIsNotStoredAgain() throws Exception {
        BigInteger id = agreements.created(consumer, provider);
        grantMonitor(monitor);
        oracle(monitor).reportStatus(id, true).send();
        TransactionReceipt again = oracle(monitor).reportStatus(id, true).send();
        assertThat(oracle(monitor).getStatusReportedEvents(again)).isEmpty();
        assertThat(oracle(monitor).statusOf(id).send().component3()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void uptimeOfAWindowFollowsTheReportedChanges() throws Exception {
        BigInteger id = agreements.created(consumer, provider);
        grantMonitor(monitor);
        long t0 = chain.latestTimestamp() + 10;
        chain.setNextBlockTimestamp(t0);
        oracle(monitor).reportStatus(id, true).send();
        chain.setNextBlockTimestamp(t0 + 600);
        oracle(monitor).reportStatus(id, false).send();
        chain.setNextBlockTimestamp(t0 + 900);
        oracle(monitor).reportStatus(id, true).send();
        chain.mineAt(t0 + 1200);

        assertThat(oracle(monitor).upSeconds(id, big(t0), big(t0 + 1200)).send()).isEqualTo(big(900));
        assertThat(oracle(monitor).uptimeBps(id, big(t0), big(t0 + 1200)).send()).isEqualTo(big(7500));
        assertThat(oracle(monitor).uptimeBps(id, big(t0 + 600), big(t0 + 900)).send()).isZero();
        assertThat(oracle(monitor).uptimeBps(id, big(t0 - 1000), big(t0)).send()).as("before the first report: down").isZero();
        assertThat(oracle(monitor).uptimeBps(id, big(t0 + 900), big(t0 + 99_900)).send()).as("the future extends the current status").isEqualTo(big(10_000));
        assertReverts("InvalidWindow", oracle(monitor), monitor, oracle(monitor).uptimeBps(id, big(t0 + 10), big(t0)));
    }

    @Test
    void deactivatedServiceTakesNoReportsButKeepsItsHistory() throws Exception {
        BigInteger id = agreements.created(consumer, provider);
        grantMonitor(monitor);
        long t0 = chain.latestTimestamp() + 10;
        chain.setNextBlockTimestamp(t0);
        oracle(monitor).reportStatus(id, true).send();
        chain.setNextBlockTimestamp(t0 + 1800);
        TransactionReceipt receipt = oracle(monitor).deactivate(id).send();
        assertThat(oracle(monitor).getServiceDeactivatedEvents(receipt)).hasSize(1);
        assertReverts("ServiceInactive", oracle(monitor), monitor, oracle(monitor).reportStatus(id, true));
        assertReverts("ServiceInactive", oracle(monitor), monitor, oracle(monitor).deactivate(id));
        chain.mineAt(t0 + 3600);
        assertThat(oracle(monitor).uptimeBps(id, big(t0), big(t0 + 3600)).send()).isEqualTo(big(5000));
    }

    @Test
    void escrowScalesTheBaseFeeByUptime() throws Exception {
        grantMonitor(monitor);
        Terms terms = Terms.of(tokens(1), tokens(36), tokens(72)).withArbiter(oracle(deployer).getContractAddress());
        BigInteger id = agreements.approved(consumer, provider, terms);
        long t0 = chain.latestTimestamp() + 10;
        chain.setNextBlockTimestamp(t0);
        tollway.escrow(consumer).deposit(id, tokens(100)).send();
        chain.setNextBlockTimestamp(t0 + 1);
        oracle(monitor).reportStatus(id, true).send();
        chain.setNextBlockTimestamp(t0 + 1801);
        oracle(monitor).reportStatus(id, false).send();

        chain.setNextBlockTimestamp(t0 + 3600);
        TransactionReceipt receipt = tollway.escrow(provider).bill(id, tokens(2), REF).send();
        // up 1800 of 3600 seconds -> 5000 bps -> half of 36
        ServiceEscrow.BillPaidEventResponse paid = tollway.escrow(provider).getBillPaidEvents(receipt).get(0);
        assertThat(paid.baseAmount).isEqualTo(tokens(18));
        assertThat(paid.variableAmount).isEqualTo(tokens(2));
    }
}
