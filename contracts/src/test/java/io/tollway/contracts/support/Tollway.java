package io.tollway.contracts.support;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.generated.TestToken;
import io.tollway.contracts.generated.UptimeOracle;
import java.math.BigInteger;

/**
 * The four contracts deployed the way the embedded run deploys them: TestToken, ServiceEscrow
 * (token), UptimeOracle (admin, escrow), PaymentChannels (token, periods). Gives each party its
 * own handles so every call is signed by the right key.
 */
public final class Tollway {

    /** One whole token (18 decimals). */
    public static final BigInteger UNIT = BigInteger.TEN.pow(18);
    public static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    public static final long CHALLENGE_PERIOD = 3_600;
    public static final long REMOVE_PERIOD = 86_400;
    public static final long POPUP_PERIOD = 3_600;

    private final TestChain chain;
    private final String token;
    private final String escrow;
    private final String oracle;
    private final String channels;

    private Tollway(TestChain chain, String token, String escrow, String oracle, String channels) {
        this.chain = chain;
        this.token = token;
        this.escrow = escrow;
        this.oracle = oracle;
        this.channels = channels;
    }

    /** Deploys all four contracts from party 0; party 0 is admin of the oracle and owner of the channels. */
    public static Tollway deploy(TestChain chain) {
        try {
            Party deployer = chain.party(0);
            TestToken token = TestToken.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS,
                    "Tollway Test Token", "TWT").send();
            ServiceEscrow escrow = ServiceEscrow.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS,
                    token.getContractAddress()).send();
            UptimeOracle oracle = UptimeOracle.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS,
                    deployer.address(), escrow.getContractAddress()).send();
            PaymentChannels channels = PaymentChannels.deploy(chain.web3j(), deployer.transactions(), TestChain.GAS,
                    token.getContractAddress(), BigInteger.valueOf(CHALLENGE_PERIOD),
                    BigInteger.valueOf(REMOVE_PERIOD), BigInteger.valueOf(POPUP_PERIOD)).send();
            return new Tollway(chain, token.getContractAddress(), escrow.getContractAddress(),
                    oracle.getContractAddress(), channels.getContractAddress());
        } catch (Exception e) {
            throw new IllegalStateException("deployment failed", e);
        }
    }

    public TestChain chain() {
        return chain;
    }

    public TestToken token(Party as) {
        return TestToken.load(token, chain.web3j(), as.transactions(), TestChain.GAS);
    }

    public ServiceEscrow escrow(Party as) {
        return ServiceEscrow.load(escrow, chain.web3j(), as.transactions(), TestChain.GAS);
    }

    public UptimeOracle oracle(Party as) {
        return UptimeOracle.load(oracle, chain.web3j(), as.transactions(), TestChain.GAS);
    }

    public PaymentChannels channels(Party as) {
        return PaymentChannels.load(channels, chain.web3j(), as.transactions(), TestChain.GAS);
    }

    public String escrowAddress() {
        return escrow;
    }

    public String channelsAddress() {
        return channels;
    }

    public String tokenAddress() {
        return token;
    }

    /** Mints {@code amount} for {@code party} and lets both the escrow and the channels spend all its tokens. */
    public void fund(Party party, BigInteger amount) {
        try {
            TestToken t = token(party);
            t.mint(party.address(), amount).send();
            t.approve(escrow, MAX).send();
            t.approve(channels, MAX).send();
        } catch (Exception e) {
            throw new IllegalStateException("funding " + party + " failed", e);
        }
    }

    public BigInteger balanceOf(String account) {
        try {
            return token(chain.party(0)).balanceOf(account).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens {@code units * 10^18}. */
    public static BigInteger tokens(long units) {
        return UNIT.multiply(BigInteger.valueOf(units));
    }
}
