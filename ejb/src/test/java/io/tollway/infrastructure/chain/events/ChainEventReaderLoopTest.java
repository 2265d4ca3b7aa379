package io.tollway.infrastructure.chain.events;

import io.tollway.devkit.Anvil;
import io.tollway.devkit.EmbeddedDatabase;
import io.tollway.devkit.FreePort;
import io.tollway.domain.model.chain.DepositMade;
import io.tollway.infrastructure.persistence.jdbc.JdbcTransactor;
import io.tollway.infrastructure.persistence.migration.SchemaMigration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

import static io.tollway.infrastructure.chain.events.TollwayOnChain.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several nodes of a cluster, each with its own loop, reader and lock on one real PostgreSQL,
 * following the real contracts on anvil: one reads, the others stand by and take over.
 */
class ChainEventReaderLoopTest {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static EmbeddedDatabase database;
    private static TollwayOnChain chain;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start();
        SchemaMigration.migrate(database.dataSource());
        chain = TollwayOnChain.deploy();
    }

    @AfterAll
    static void stop() {
        if (chain != null) {
            chain.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @AfterEach
    void closeNodes() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    /** One application node: its own connections to the database (which the test can cut) and its own loop. */
    private final class Node {
        final RecordingHandler domain = new RecordingHandler();
        final AtomicBoolean cutOff = new AtomicBoolean();
        final ChainEventReaderLoop loop;

        Node(String readerName, long startBlock, Web3j web3j) {
            DataSource connections = cuttable(database.dataSource(), cutOff);
            ChainEventReader reader = new ChainEventReader(new JdbcTransactor(connections), web3j,
                    chain.settings(readerName, startBlock, 0), domain);
            loop = new ChainEventReaderLoop(reader, new ReaderLock(connections, readerName), threads(readerName),
                    POLL_INTERVAL, MAX_BACKOFF);
            toClose.push(loop);
            loop.start();
        }

        List<BigInteger> deposits() {
            return domain.handled.stream().map(event -> ((DepositMade) event).amount()).toList();
        }
    }

    @Test
    void oneNodeReadsAndAnotherTakesOverWhenItStops() throws Exception {
        BigInteger agreement = chain.approvedAgreement(0, 3_600, 0);
        long start = chain.head() + 1;
        Node a = new Node("cluster", start, chain.web3j);
        Node b = new Node("cluster", start, chain.web3j);
        await().atMost(DEADLINE).until(() -> a.loop.isReading() || b.loop.isReading());
        Node holder = a.loop.isReading() ? a : b;
        Node standby = holder == a ? b : a;

        chain.deposit(agreement, 1_000);
        await().atMost(DEADLINE).until(() -> holder.deposits().contains(big(1_000)));
        assertThat(standby.loop.isReading()).isFalse();

        holder.loop.close();
        await().atMost(DEADLINE).until(standby.loop::isReading);
        chain.deposit(agreement, 2_000);
        await().atMost(DEADLINE).until(() -> standby.deposits().contains(big(2_000)));

        assertThat(holder.deposits()).containsExactly(big(1_000));
        assertThat(standby.deposits()).containsExactly(big(2_000));
        assertThat(handledRows("cluster")).isEqualTo(2);
    }

    @Test
    void anotherNodeTakesOverWhenTheReadingNodesDatabaseSessionDies() throws Exception {
        BigInteger agreement = chain.approvedAgreement(0, 3_600, 0);
        long start = chain.head() + 1;
        Node a = new Node("takeover", start, chain.web3j);
        Node b = new Node("takeover", start, chain.web3j);
        await().atMost(DEADLINE).until(() -> a.loop.isReading() || b.loop.isReading());
        Node holder = a.loop.isReading() ? a : b;
        Node standby = holder == a ? b : a;
        chain.deposit(agreement, 3_000);
        await().atMost(DEADLINE).until(() -> holder.deposits().contains(big(3_000)));

        // the reading node loses the database: its lock session is killed and it cannot connect again
        holder.cutOff.set(true);
        assertThat(terminateSessionsNamed("tollway chain event reader takeover")).isOne();

        await().atMost(DEADLINE).until(standby.loop::isReading);
        await().atMost(DEADLINE).until(() -> !holder.loop.isReading());
        chain.deposit(agreement, 4_000);
        await().atMost(DEADLINE).until(() -> standby.deposits().contains(big(4_000)));

        assertThat(holder.deposits()).containsExactly(big(3_000));
        assertThat(standby.deposits()).containsExactly(big(4_000));
        assertThat(handledRows("takeover")).isEqualTo(2);
    }

    @Test
    void aNodeOutageIsReportedOnceAndReadingResumesWhenTheNodeIsBack() throws Exception {
        int port = FreePort.find();
        Web3j toDeadNode = TollwayOnChain.web3j("http://127.0.0.1:" + port);
        toClose.push(toDeadNode::shutdown);
        try (LogCapture log = new LogCapture(ChainEventReaderLoop.class)) {
            Node node = new Node("outage", 0, toDeadNode);
            await().atMost(DEADLINE).until(() -> log.at(Level.FINE).size() >= 3);
            assertThat(node.loop.isReading()).as("it holds the lock through the outage").isTrue();

            Anvil backAgain = Anvil.start(port, null);
            toClose.push(backAgain);
            await().atMost(DEADLINE).until(() -> log.at(Level.INFO).stream().anyMatch(m -> m.contains("reads again")));

            assertThat(log.at(Level.WARNING)).singleElement().asString()
                    .startsWith("chain event reader 'outage' cannot read: chain node unreachable (eth_blockNumber)")
                    .contains("trying again after 50 ms, then less often (up to every 200 ms)");
            assertThat(log.at(Level.INFO)).first().asString()
                    .isEqualTo("chain event reader 'outage' took over with no cursor yet, starting at block 0");
        }
    }

    private static ThreadFactory threads(String readerName) {
        return work -> {
            Thread thread = new Thread(work, "chain event reader " + readerName);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The node's view of the database, which the test can cut as a network failure would. */
    private static DataSource cuttable(DataSource database, AtomicBoolean cutOff) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && cutOff.get()) {
                        throw new SQLException("connection refused (network cut by the test)", "08001");
                    }
                    try {
                        return method.invoke(database, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static int terminateSessionsNamed(String applicationName) throws SQLException {
        try (Connection connection = database.connect();
             var terminate = connection.prepareStatement(
                     "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?")) {
            terminate.setString(1, applicationName);
            try (ResultSet result = terminate.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static int handledRows(String reader) throws SQLException {
        try (Connection connection = database.connect(); Statement select = connection.createStatement();
             ResultSet result = select.executeQuery(
                     "select count(*) from chain_event where state = 'HANDLED' and reader = '" + reader + "'")) {
            result.next();
            return result.getInt(1);
        }
    }
}
