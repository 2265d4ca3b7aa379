package io.tollway.infrastructure.chain;

import io.tollway.domain.model.chain.ChainEventHandler;
import io.tollway.infrastructure.chain.events.ChainEventReader;
import io.tollway.infrastructure.chain.events.ChainEventReaderLoop;
import io.tollway.infrastructure.chain.events.ReaderLock;
import io.tollway.infrastructure.chain.events.ReaderSettings;
import io.tollway.infrastructure.config.TollwayConfig;
import io.tollway.infrastructure.persistence.jdbc.JtaTransactor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the chain event reader inside the server: on every node a loop that reads only while it
 * holds the cluster-wide reader lock, handing each event to the processes in the reader's JTA
 * transaction.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ProcessEngineBootstrap", "DevContracts"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChainEventReaderService {

    public static final String READER = "main";
    private static final Logger LOG = Logger.getLogger(ChainEventReaderService.class.getName());

    @Inject
    private TollwayConfig config;

    @Inject
    private ChainNode node;

    @Inject
    private JtaTransactor transactor;

    @Inject
    private DeployedContracts contracts;

    @Inject
    private ChainEventHandler handler;

    @Resource(lookup = "jdbc/tollway")
    private DataSource dataSource;

    @Resource
    private ManagedThreadFactory threads;

    private volatile ChainEventReader reader;
    private volatile ChainEventReaderLoop loop;
    private volatile String unavailable = "not started";
    /** Why this deployment does not run it at all (not configured), or null. */
    private volatile String disabled;

    @PostConstruct
    void start() {
        try {
            Map<String, String> addresses = contracts.addresses();
            String escrow = addresses.get(DevContracts.SERVICE_ESCROW);
            String channels = addresses.get(DevContracts.PAYMENT_CHANNELS);
            if (escrow == null || channels == null) {
                disabled = "no ServiceEscrow and PaymentChannels addresses are recorded";
                unavailable = disabled;
                LOG.warning("The chain event reader does not run: " + disabled);
                return;
            }
            // the gateway counts the transaction's own block as a confirmation; the reader counts blocks on top
            ReaderSettings settings = new ReaderSettings(READER, escrow, channels, config.chainStartBlock(),
                    config.chainConfirmations() - 1, 500);
            reader = new ChainEventReader(transactor, node.web3j(), settings, handler);
            loop = new ChainEventReaderLoop(reader, new ReaderLock(dataSource, READER), threads,
                    Duration.ofMillis(500), Duration.ofSeconds(10));
            loop.start();
            unavailable = null;
        } catch (RuntimeException e) {
            unavailable = "could not start: " + e.getMessage();
            LOG.log(Level.SEVERE, "The chain event reader " + unavailable, e);
        }
    }

    /** Why this deployment does not use it (nothing configured), or empty. */
    public Optional<String> disabled() {
        return Optional.ofNullable(disabled);
    }

    /** Why no reader runs on this node, or empty when one does (reading or standing by). */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    /** Whether this node holds the reader lock and reads. */
    public boolean isReading() {
        ChainEventReaderLoop current = loop;
        return current != null && current.isReading();
    }

    /** The newest block whose events are handled, for the reader's lag behind the head. */
    public OptionalLong lastHandledBlock() {
        ChainEventReader current = reader;
        return current == null ? OptionalLong.empty() : current.lastHandledBlock();
    }

    @PreDestroy
    void stop() {
        ChainEventReaderLoop current = loop;
        loop = null;
        if (current != null) {
            current.close();
        }
    }
}
