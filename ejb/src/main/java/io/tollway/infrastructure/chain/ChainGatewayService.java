package io.tollway.infrastructure.chain;

import io.tollway.infrastructure.chain.escrow.EscrowBillBatching;
import io.tollway.infrastructure.chain.signing.DevelopmentSigner;
import io.tollway.infrastructure.chain.signing.SignerSettings;
import io.tollway.infrastructure.chain.signing.TransactionSigner;
import io.tollway.infrastructure.chain.transaction.ChainGateway;
import io.tollway.infrastructure.chain.transaction.ChainTransaction;
import io.tollway.infrastructure.chain.transaction.ChainTransactionState;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import io.tollway.infrastructure.chain.transaction.GatewaySettings;
import io.tollway.infrastructure.chain.transaction.TransactionOutcomes;
import io.tollway.infrastructure.config.TollwayConfig;
import io.tollway.infrastructure.faults.FaultInjector;
import io.tollway.infrastructure.persistence.jdbc.JtaTransactor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The chain gateway inside the server: opens the configured signers, runs the gateway's workers
 * on the server's managed threads, and lets the processes ask for transactions in their own JTA
 * transaction. With no signer configured and no development chain, Tollway runs without sending
 * anything and says so.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ProcessEngineBootstrap", "DevContracts"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChainGatewayService {

    /** The signer of the operator's own transactions; on the development chain, anvil's account 0. */
    public static final String OPERATOR = "operator";

    private static final Logger LOG = Logger.getLogger(ChainGatewayService.class.getName());

    @Inject
    private TollwayConfig config;

    @Inject
    private ChainNode node;

    @Inject
    private JtaTransactor transactor;

    @Inject
    private TransactionOutcomes outcomes;

    @Inject
    private FaultInjector faults;

    @Resource
    private ManagedThreadFactory threads;

    private volatile ChainGateway gateway;
    private volatile String unavailable = "not started";
    /** Why this deployment does not run it at all (not configured), or null. */
    private volatile String disabled;

    @PostConstruct
    void start() {
        try {
            Map<String, TransactionSigner> signers = signers();
            if (signers.isEmpty()) {
                disabled = "no signer is configured (tollway.signers)";
                unavailable = disabled;
                LOG.warning("The chain gateway sends nothing: " + disabled);
                return;
            }
            long chainId = node.chainId();
            GatewaySettings settings = GatewaySettings.defaults()
                    .withConfirmations(config.chainConfirmations())
                    .withDropAfter(config.chainDropAfter())
                    .withMaxFeePerGas(config.chainMaxFeePerGas());
            ChainGateway started = new ChainGateway(transactor, node.web3j(), chainId, signers, settings, outcomes,
                    faults::check, threads, Clock.systemUTC(), List.of(new EscrowBillBatching(config.chainBillBatchLinger())));
            started.start();
            gateway = started;
            unavailable = null;
        } catch (IOException | RuntimeException e) {
            unavailable = "could not start: " + e.getMessage();
            LOG.log(Level.SEVERE, "The chain gateway " + unavailable, e);
        }
    }

    private Map<String, TransactionSigner> signers() {
        Map<String, TransactionSigner> signers = new LinkedHashMap<>(
                SignerSettings.open(config::setting, System.getenv(), HttpService::new));
        if (signers.isEmpty() && config.deploysDevContracts()) {
            signers.put(OPERATOR, new DevelopmentSigner());
        }
        return signers;
    }

    /**
     * Asks for a transaction in the caller's transaction; see {@link ChainGateway#request}.
     *
     * @throws ChainGatewayUnavailable when the gateway is not running
     */
    public long request(String signer, String subject, String step, ContractCall call) {
        return running().request(signer, subject, step, call);
    }

    /** The chain address of a signer (the operator's is the provider's on chain for hosted providers). */
    public String signerAddress(String signer) {
        String address = running().signerAddresses().get(signer);
        if (address == null) {
            throw new ChainGatewayUnavailable("no signer " + signer);
        }
        return address;
    }

    /** A signer by name, for the consents it gives off chain (a channel's closing signature). */
    public TransactionSigner signer(String name) {
        return running().signer(name);
    }

    public Optional<ChainTransaction> find(long id) {
        return running().find(id);
    }

    public java.util.List<ChainTransaction> newest(ChainTransactionState state, String subject, int offset, int limit) {
        return running().newest(state, subject, offset, limit);
    }

    public long countOfSubject(String subject) {
        return running().countOfSubject(subject);
    }

    public Map<ChainTransactionState, Long> countByState() {
        return running().countByState();
    }

    /** Why this deployment does not use it (nothing configured), or empty. */
    public Optional<String> disabled() {
        return Optional.ofNullable(disabled);
    }

    /** Why the gateway cannot send now (not started, or a worker's outage), or empty when it can. */
    public Optional<String> unavailable() {
        ChainGateway current = gateway;
        if (current == null) {
            return Optional.ofNullable(unavailable);
        }
        Map<String, String> outages = current.outages();
        return outages.isEmpty() ? Optional.empty() : Optional.of(outages.toString());
    }

    /**
     * Stops the gateway and starts a new one from what the database and the chain say, as after
     * a crash of the server: nothing is carried over in memory. For tests of the crash windows.
     */
    public synchronized void restart() {
        stop();
        start();
    }

    private ChainGateway running() {
        ChainGateway current = gateway;
        if (current == null) {
            throw new ChainGatewayUnavailable(unavailable);
        }
        return current;
    }

    @PreDestroy
    synchronized void stop() {
        ChainGateway current = gateway;
        gateway = null;
        unavailable = "stopped";
        if (current != null) {
            current.close();
        }
    }
}
