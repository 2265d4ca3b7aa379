package io.tollway.infrastructure.chain;

import io.tollway.contracts.generated.PaymentChannels;
import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.contracts.generated.TestToken;
import io.tollway.infrastructure.chain.signing.DevelopmentSigner;
import io.tollway.contracts.generated.UptimeOracle;
import io.tollway.infrastructure.config.TollwayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.io.IOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On a development chain (the embedded run, the tests), deploys Tollway's contracts once and
 * records where they are; a restart with the same chain state finds them and deploys nothing.
 * Signs with anvil's first public development key, so it refuses to run unless
 * {@code tollway.dev-contracts} is set. The chain is called before the short transaction that
 * records the addresses, never inside it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class DevContracts {

    public static final String TEST_TOKEN = "TestToken";
    public static final String SERVICE_ESCROW = "ServiceEscrow";
    public static final String UPTIME_ORACLE = "UptimeOracle";
    public static final String PAYMENT_CHANNELS = "PaymentChannels";
    static final List<String> ALL = List.of(TEST_TOKEN, SERVICE_ESCROW, UPTIME_ORACLE, PAYMENT_CHANNELS);

    /** Channel periods on the development chain, in seconds: challenge, offering removal, re-publication. */
    private static final BigInteger CHALLENGE_PERIOD = BigInteger.valueOf(3600);
    private static final BigInteger REMOVE_PERIOD = BigInteger.valueOf(86_400);
    private static final BigInteger POPUP_PERIOD = BigInteger.valueOf(3600);

    private static final BigInteger OPERATOR_TOKENS = BigInteger.TEN.pow(27);

    private static final Logger LOG = Logger.getLogger(DevContracts.class.getName());

    @Inject
    private TollwayConfig config;

    @Inject
    private ChainNode node;

    @PersistenceContext(unitName = "tollway")
    private EntityManager em;

    @Resource
    private UserTransaction transaction;

    @PostConstruct
    void deployIfNeeded() {
        if (!config.deploysDevContracts()) {
            return;
        }
        try {
            long chainId = node.chainId();
            if (allDeployedOn(chainId)) {
                LOG.info(() -> "Development contracts already on chain " + chainId + ": " + addresses());
                return;
            }
            Map<String, String> deployed = deploy(chainId);
            record(chainId, deployed);
            LOG.info(() -> "Deployed development contracts on chain " + chainId + ": " + deployed);
        } catch (Exception e) {
            // the application still starts; /health shows the chain's state and the operator sees this line
            LOG.log(Level.SEVERE, "Could not deploy the development contracts to " + config.rpcUrl(), e);
        }
    }

    /** Deploys in dependency order: the token, the escrow on it, the oracle for the escrow, the channels on the token. */
    private Map<String, String> deploy(long chainId) throws Exception {
        Web3j web3j = node.web3j();
        Credentials operator = DevelopmentSigner.credentials();
        RawTransactionManager signer = new RawTransactionManager(web3j, operator, chainId,
                new PollingTransactionReceiptProcessor(web3j, 100, 600));
        DefaultGasProvider gas = new DefaultGasProvider();
        Map<String, String> deployed = new LinkedHashMap<>();
        TestToken testToken = TestToken.deploy(web3j, signer, gas, "Tollway Test Token", "TWT").send();
        String token = testToken.getContractAddress();
        deployed.put(TEST_TOKEN, token);
        // the operator pays the demo's and the tests' transfers out of this
        testToken.mint(operator.getAddress(), OPERATOR_TOKENS).send();
        String escrow = ServiceEscrow.deploy(web3j, signer, gas, token).send().getContractAddress();
        deployed.put(SERVICE_ESCROW, escrow);
        deployed.put(UPTIME_ORACLE, UptimeOracle.deploy(web3j, signer, gas, operator.getAddress(), escrow).send().getContractAddress());
        deployed.put(PAYMENT_CHANNELS, PaymentChannels.deploy(web3j, signer, gas, token,
                CHALLENGE_PERIOD, REMOVE_PERIOD, POPUP_PERIOD).send().getContractAddress());
        return deployed;
    }

    private boolean allDeployedOn(long chainId) throws IOException {
        for (String name : ALL) {
            DeployedContract contract = em.find(DeployedContract.class, name);
            if (contract == null || contract.chainId() != chainId || !hasCode(contract.address())) {
                return false;
            }
        }
        return true;
    }

    private Map<String, String> addresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        ALL.forEach(name -> addresses.put(name, em.find(DeployedContract.class, name).address()));
        return addresses;
    }

    private boolean hasCode(String address) throws IOException {
        String code = node.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return code != null && code.length() > 2;
    }

    private void record(long chainId, Map<String, String> deployed) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        transaction.begin();
        try {
            deployed.forEach((name, address) -> em.merge(new DeployedContract(name, chainId, address, now)));
            transaction.commit();
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        }
    }
}
