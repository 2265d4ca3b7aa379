package io.tollway.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.AgreementDriver;
import io.tollway.wallet.ChainWallet;
import io.tollway.ear.support.Deployments;
import io.tollway.ear.support.TestEnvironment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;

import static io.tollway.ear.support.AgreementDriver.BILLING_INTERVAL;
import static io.tollway.ear.support.AgreementDriver.SETUP_FEE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server dies in the middle of a billing cycle: the bill's transaction is on the chain but
 * the gateway never recorded it (it "crashed" right after sending), and then the whole server is
 * killed and started again. After the restart the bill is recorded once and paid once.
 */
@ExtendWith(ArquillianExtension.class)
class BillingRestartIT {

    private final AgreementDriver driver = new AgreementDriver();

    @Deployment(testable = false)
    static EnterpriseArchive tollway() {
        return Deployments.tollway();
    }

    @Test
    void aServerKilledWhileABillIsInFlightRecordsItOnceAndPaysItOnce() throws Exception {
        ChainWallet wallet = driver.wallet();
        String id = driver.awaitingApproval(driver.publishedOffering(), wallet);
        driver.approvedByBoth(id, wallet);
        BigInteger deposit = SETUP_FEE.add(BigInteger.valueOf(72_000));
        driver.deposit(id, wallet, deposit);
        driver.awaitStatus(id, "ACTIVE");
        assertThat(driver.admin.post("/api/v1/test-support/faults", "{\"point\":\"chain.sent:" + id + "\",\"times\":1}").status())
                .isEqualTo(200);

        driver.passTime(BILLING_INTERVAL + 5);
        // the bill went to the chain; its row still says it was never sent
        await().atMost(AgreementDriver.DEADLINE).untilAsserted(() -> {
            JsonNode transactions = driver.admin.get("/api/v1/chain/transactions?subject=" + id).json();
            assertThat(transactions.findValuesAsText("step")).contains("bill-1");
            assertThat(driver.agreement(id).at("/balances/onChain/remaining").asText()).isNotEqualTo(driver.agreement(id).at("/balances/remaining").asText());
        });
        TestEnvironment.glassFish().crashAndRestart();
        await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> driver.admin.get("/health").status() == 200);

        driver.awaitBills(id, 1);
        JsonNode agreement = driver.agreement(id);
        JsonNode bill = driver.bills(id).get(0);
        assertThat(bill.get("state").asText()).isEqualTo("PAID");
        JsonNode steps = driver.admin.get("/api/v1/chain/transactions?subject=" + id).json();
        assertThat(steps.findValuesAsText("step").stream().filter("bill-1"::equals)).hasSize(1);
        // paid once: the escrow holds the deposit minus the setup fee and exactly this bill
        BigInteger expected = deposit.subtract(SETUP_FEE).subtract(new BigInteger(bill.get("paid").asText()));
        assertThat(agreement.at("/balances/onChain/remaining").asText()).isEqualTo(expected.toString());
        assertThat(agreement.at("/balances/remaining").asText()).isEqualTo(expected.toString());
    }
}
