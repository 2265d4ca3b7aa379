package io.tollway.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollway.contracts.generated.TestToken;
import io.tollway.contracts.support.Party;
import io.tollway.contracts.support.TestChain;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The demo token: anyone mints, 18 decimals, ordinary ERC-20 transfers. */
class TestTokenTest {

    private static final BigInteger ONE = BigInteger.TEN.pow(18);

    private static TestChain chain;
    private static TestToken asDeployer;

    @BeforeAll
    static void deploy() throws Exception {
        chain = TestChain.start();
        Party deployer = chain.party(0);
        asDeployer = TestToken.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS,
                "Tollway Test Token", "TWT").send();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void anyoneMintsAndHoldersTransfer() throws Exception {
        Party consumer = chain.party(1);
        Party provider = chain.party(2);
        TestToken asConsumer = TestToken.load(asDeployer.getContractAddress(), chain.web3j(),
                consumer.transactions(), TestChain.GAS);

        assertThat(asDeployer.decimals().send()).isEqualTo(BigInteger.valueOf(18));
        assertThat(asDeployer.symbol().send()).isEqualTo("TWT");

        TransactionReceipt minted = asConsumer.mint(consumer.address(), ONE.multiply(BigInteger.valueOf(100))).send();
        assertThat(minted.isStatusOK()).isTrue();
        assertThat(asConsumer.getTransferEvents(minted)).singleElement()
                .satisfies(e -> assertThat(e.value).isEqualTo(ONE.multiply(BigInteger.valueOf(100))));

        asConsumer.transfer(provider.address(), ONE.multiply(BigInteger.valueOf(30))).send();

        assertThat(asDeployer.balanceOf(consumer.address()).send()).isEqualTo(ONE.multiply(BigInteger.valueOf(70)));
        assertThat(asDeployer.balanceOf(provider.address()).send()).isEqualTo(ONE.multiply(BigInteger.valueOf(30)));
        assertThat(asDeployer.totalSupply().send()).isEqualTo(ONE.multiply(BigInteger.valueOf(100)));
    }
}
