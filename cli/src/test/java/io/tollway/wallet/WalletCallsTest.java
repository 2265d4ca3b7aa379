package io.tollway.wallet;

import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.generated.TestToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calls the wallet encodes itself equal what the contracts' generated bindings encode. */
class WalletCallsTest {

    private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String ESCROW = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    private static final String CONSUMER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    // never connected: the bindings only encode here
    private static final Web3j OFFLINE = Web3j.build(new HttpService("http://127.0.0.1:1"));
    private static final Credentials ANYONE = Credentials.create("0x01");

    @AfterAll
    static void shutdown() {
        OFFLINE.shutdown();
    }

    @Test
    void allowDepositsIsTheTokensApproveForTheEscrow() {
        BigInteger amount = new BigInteger("5000000000000000000");

        WalletCall call = WalletCalls.allowDeposits(TOKEN, ESCROW, amount);

        assertThat(call.to()).isEqualTo(TOKEN);
        assertThat(call.value()).isZero();
        assertThat(call.purpose()).isEqualTo("allow the escrow to take the deposit");
        assertThat(call.data()).startsWith("0x095ea7b3") // approve(address,uint256)
                .isEqualTo(token().approve(ESCROW, amount).encodeFunctionCall());
    }

    @Test
    void depositIsTheEscrowsDepositOfTheAgreement() {
        WalletCall call = WalletCalls.deposit(WalletCalls.DEPOSIT, ESCROW, BigInteger.valueOf(7), BigInteger.valueOf(4600));

        assertThat(call.to()).isEqualTo(ESCROW);
        assertThat(call.data()).isEqualTo(ServiceEscrow.load(ESCROW, OFFLINE, ANYONE, new DefaultGasProvider())
                .deposit(BigInteger.valueOf(7), BigInteger.valueOf(4600)).encodeFunctionCall());
        assertThat(WalletCalls.lastUint256(call)).isEqualTo(4600);
    }

    @Test
    void mintIsTheTestTokensMintToTheWallet() {
        WalletCall call = WalletCalls.mint(TOKEN, CONSUMER, BigInteger.TEN.pow(21));

        assertThat(call.data()).startsWith("0x40c10f19") // mint(address,uint256)
                .isEqualTo(token().mint(CONSUMER, BigInteger.TEN.pow(21)).encodeFunctionCall());
    }

    @Test
    void amountsOutsideWhatTheContractsTakeAreRefusedWhereBuilt() {
        BigInteger max = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

        assertThat(WalletCalls.deposit(WalletCalls.TOP_UP, ESCROW, BigInteger.ONE, max).data()).isNotEmpty();
        assertThatThrownBy(() -> WalletCalls.deposit(WalletCalls.TOP_UP, ESCROW, BigInteger.ONE, max.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the amount must be at most " + max);
        assertThatThrownBy(() -> WalletCalls.allowDeposits(TOKEN, ESCROW, BigInteger.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the amount must be more than 0");
        assertThatThrownBy(() -> WalletCalls.mint(TOKEN, CONSUMER, BigInteger.TWO.pow(256)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TestToken token() {
        return TestToken.load(TOKEN, OFFLINE, ANYONE, new DefaultGasProvider());
    }
}
