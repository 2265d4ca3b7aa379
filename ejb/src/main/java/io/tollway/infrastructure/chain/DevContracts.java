package io.tollway.infrastructure.chain;

import io.tollway.contracts.generated.TestToken;
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

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    private static final Logger LOG = Logger.getLogger(DevContracts.class.getName());
    /** anvil's first development account: public knowledge, worthless anywhere but a local chain. */
    private static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

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
            DeployedContract token = em.find(DeployedContract.class, TEST_TOKEN);
            if (token != null && token.chainId() == chainId && hasCode(token.address())) {
                LOG.info(() -> "Development contracts already on chain " + chainId + ": TestToken at " + token.address());
                return;
            }
            Web3j web3j = node.web3j();
            RawTransactionManager signer = new RawTransactionManager(web3j, Credentials.create(DEV_KEY), chainId,
                    new PollingTransactionReceiptProcessor(web3j, 100, 600));
            String address = TestToken.deploy(web3j, signer, new DefaultGasProvider(), "Tollway Test Token", "TWT")
                    .send().getContractAddress();
            record(new DeployedContract(TEST_TOKEN, chainId, address, OffsetDateTime.now(ZoneOffset.UTC)));
            LOG.info(() -> "Deployed development contracts on chain " + chainId + ": TestToken at " + address);
        } catch (Exception e) {
            // the application still starts; /health shows the chain's state and the operator sees this line
            LOG.log(Level.SEVERE, "Could not deploy the development contracts to " + config.rpcUrl(), e);
        }
    }

    private boolean hasCode(String address) throws java.io.IOException {
        String code = node.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return code != null && code.length() > 2;
    }

    private void record(DeployedContract contract) throws Exception {
        transaction.begin();
        try {
            em.merge(contract);
            transaction.commit();
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        }
    }
}
