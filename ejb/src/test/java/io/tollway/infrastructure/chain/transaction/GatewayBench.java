package io.tollway.infrastructure.chain.transaction;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tollway.contracts.generated.TestToken;
import io.tollway.devkit.Anvil;
import io.tollway.devkit.EmbeddedDatabase;
import io.tollway.infrastructure.chain.TokenCalls;
import io.tollway.infrastructure.chain.signing.KeystoreSigner;
import io.tollway.infrastructure.faults.InjectedFault;
import io.tollway.infrastructure.persistence.jdbc.JdbcTransactor;
import io.tollway.infrastructure.persistence.migration.SchemaMigration;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The real parts a gateway runs against in component tests and the benchmark: an embedded
 * PostgreSQL with Tollway's schema, an anvil chain (kept in a state file so it can be stopped and
 * started again), a test token, and a signer from an encrypted keystore holding tokens to pay with.
 * Announcements are written to a table in the gateway's own transaction, so a count of rows shows
 * whether each outcome was announced exactly once.
 */
final class GatewayBench implements AutoCloseable {

    static final String SIGNER = "provider";
    private static final StaticGasProvider GAS = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(5_000_000L));

    final Path directory;
    final EmbeddedDatabase database;
    final HikariDataSource dataSource;
    final JdbcTransactor transactor;
    final Path stateFile;
    Anvil anvil;
    Web3j web3j;
    final String token;
    final Credentials payerKey = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(3));
    final KeystoreSigner payer;
    final Faults faults = new Faults();

    GatewayBench() throws Exception {
        directory = Files.createTempDirectory("gateway-bench");
        stateFile = directory.resolve("anvil-state.json");
        database = EmbeddedDatabase.start();
        SchemaMigration.migrate(database.dataSource());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(database.dataSource());
        pool.setMaximumPoolSize(10);
        dataSource = new HikariDataSource(pool);
        transactor = new JdbcTransactor(dataSource);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("create table test_announcement (transaction_id bigint not null, state varchar(12) not null,"
                    + " revert_reason text, announced_at timestamptz not null default now())");
        }
        anvil = Anvil.start(stateFile);
        web3j = connect(anvil);
        Credentials operator = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(0));
        TestToken deployed = TestToken.deploy(web3j, manager(operator), GAS, "Test", "TST").send();
        token = deployed.getContractAddress().toLowerCase();
        deployed.mint(payerKey.getAddress(), BigInteger.TEN.pow(30)).send();
        ECKeyPair keyPair = payerKey.getEcKeyPair();
        String file = WalletUtils.generateWalletFile("bench-password", keyPair, directory.toFile(), false);
        payer = KeystoreSigner.open(directory.resolve(file), "bench-password");
    }

    static Web3j connect(Anvil anvil) {
        return Web3j.build(new HttpService(anvil.rpcUrl(), new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build()));
    }

    RawTransactionManager manager(Credentials key) {
        return new RawTransactionManager(web3j, key, Anvil.CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 20, 1500));
    }

    ChainGateway gateway(GatewaySettings settings) {
        return gateway(settings, List.of());
    }

    ChainGateway gateway(GatewaySettings settings, List<CallBatching> batchings) {
        // its own client: it must ride out the node's restarts on the same address
        ChainGateway gateway = new ChainGateway(transactor, connect(anvil), Anvil.CHAIN_ID, Map.of(SIGNER, payer), settings,
                GatewayBench::announce, faults, Executors.defaultThreadFactory(), Clock.systemUTC(), batchings);
        gateway.start();
        return gateway;
    }

    private static void announce(FinishedTransaction outcome, Connection c) {
        try (PreparedStatement s = c.prepareStatement("insert into test_announcement (transaction_id, state, revert_reason) values (?, ?, ?)")) {
            s.setLong(1, outcome.id());
            s.setString(2, outcome.state().name());
            s.setString(3, outcome.revertReason());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    ContractCall transfer(String to, BigInteger amount) {
        return TokenCalls.transfer(token, to, amount);
    }

    static String newAddress() throws Exception {
        return "0x" + Keys.getAddress(Keys.createEcKeyPair());
    }

    BigInteger balanceOf(String account) throws Exception {
        return TestToken.load(token, web3j, manager(payerKey), GAS).balanceOf(account).send();
    }

    long minedNonce() throws Exception {
        return web3j.ethGetTransactionCount(payerKey.getAddress(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                .send().getTransactionCount().longValueExact();
    }

    ChainTransaction row(long id) {
        return transactor.inNewTransaction(c -> new ChainTransactionStore().find(c, id)).orElseThrow();
    }

    long announcements(long id) {
        return queryLong("select count(*) from test_announcement where transaction_id = " + id);
    }

    long queryLong(String sql) {
        return transactor.inNewTransaction(c -> {
            try (Statement s = c.createStatement()) {
                ResultSet r = s.executeQuery(sql);
                r.next();
                return r.getLong(1);
            }
        });
    }

    void execute(String sql) {
        transactor.inNewTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                return null;
            }
        });
    }

    /** Stops the node; the chain is dumped to the state file. */
    void stopNode() {
        web3j.shutdown();
        anvil.close();
    }

    /** Starts the node again on the same port and chain. */
    void startNode() {
        anvil = Anvil.start(anvil.port(), stateFile);
        web3j = connect(anvil);
    }

    @Override
    public void close() {
        web3j.shutdown();
        anvil.close();
        dataSource.close();
        database.close();
    }

    /** Fault points armed per point and subject, each firing once. */
    static final class Faults implements FaultPoints {

        private final Map<String, Boolean> armed = new ConcurrentHashMap<>();

        void arm(String point, String subject) {
            armed.put(point + ":" + subject, true);
        }

        @Override
        public void check(String point, String subject) {
            if (armed.remove(point + ":" + subject) != null) {
                throw new InjectedFault(point + ":" + subject);
            }
        }
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
