package io.tollway.infrastructure.persistence.migration;

import io.tollway.devkit.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V9 (a consumer's Idempotency-Key on its request for an agreement) on a real PostgreSQL: a
 * consumer's key is taken once, also by two requests racing in two transactions, while other
 * consumers' keys and requests without a key never collide.
 */
class AgreementRequestKeyMigrationTest {

    private static final String FINGERPRINT = "a".repeat(64);

    private static EmbeddedDatabase database;
    private static String offeringId;

    @BeforeAll
    static void migrate() throws SQLException {
        database = EmbeddedDatabase.start();
        SchemaMigration.migrate(database.dataSource());
        offeringId = UUID.randomUUID().toString();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("insert into offering (id, provider_id, name, settlement_model, status, submitted_at, version, "
                    + "escrow_setup_fee, escrow_base_fee_per_hour, escrow_variable_fee_per_hour, escrow_lockup_seconds, "
                    + "escrow_uptime_arbitration) values ('" + offeringId + "', 'p', 'VPN', 'ESCROW', 'PUBLISHED', now(), 0, "
                    + "1000, 3600, 7200, 0, false)");
        }
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    /** Inserts an agreement of the consumer under the key (null: none) on the connection; its id. */
    private static String insert(Connection connection, String consumer, String key, String fingerprint) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("insert into agreement (id, offering_id, provider_id, consumer_id, "
                + "consumer_address, settlement_model, terms, terms_hash, status, requested_at, version, request_key, request_fingerprint) "
                + "values (?, ?, 'p', ?, '0x70997970c51812dc3a010c7d01b50e0d17dc79c8', 'ESCROW', '{}', '0xaaa', 'REQUESTED', now(), 0, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, offeringId);
            insert.setString(3, consumer);
            insert.setString(4, key);
            insert.setString(5, fingerprint);
            insert.executeUpdate();
        }
        return id;
    }

    private static String insert(String consumer, String key) throws SQLException {
        try (Connection connection = database.connect()) {
            return insert(connection, consumer, key, key == null ? null : FINGERPRINT);
        }
    }

    private static long agreementsWith(String key) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement count = connection.prepareStatement("select count(*) from agreement where request_key = ?")) {
            count.setString(1, key);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void aConsumersKeyIsTakenOnceAndOtherConsumersKeysAreTheirOwn() throws SQLException {
        insert("consumer-1", "order-1");

        assertThatThrownBy(() -> insert("consumer-1", "order-1"))
                .isInstanceOf(SQLException.class).hasMessageContaining("agreement_request_key");
        insert("consumer-2", "order-1");
        insert("consumer-1", "order-2");
        assertThat(agreementsWith("order-1")).isEqualTo(2);
    }

    @Test
    void requestsWithoutAKeyNeverCollide() throws SQLException {
        insert("consumer-3", null);
        insert("consumer-3", null);
    }

    @Test
    void aKeyComesWithItsRequestsFingerprint() {
        assertThatThrownBy(() -> {
            try (Connection connection = database.connect()) {
                insert(connection, "consumer-4", "order-1", null);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("agreement_request_fingerprint");
        assertThatThrownBy(() -> {
            try (Connection connection = database.connect()) {
                insert(connection, "consumer-4", null, FINGERPRINT);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("agreement_request_fingerprint");
    }

    /**
     * Two requests with one key, each in its own transaction: the second insert waits for the first
     * transaction and then fails, whichever moment it came at; one agreement is stored. This is what
     * the application relies on to answer the second request with the first one's agreement.
     */
    @Test
    void ofTwoRacingRequestsWithOneKeyOnlyOneIsStored() throws Exception {
        try (Connection first = database.connect(); Connection second = database.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insert(first, "consumer-5", "race", FINGERPRINT);

            CompletableFuture<String> racing = CompletableFuture.supplyAsync(() -> {
                try {
                    return insert(second, "consumer-5", "race", FINGERPRINT);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            first.commit();

            assertThatThrownBy(() -> racing.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("agreement_request_key");
            second.rollback();
        }
        assertThat(agreementsWith("race")).isEqualTo(1);
    }
}
