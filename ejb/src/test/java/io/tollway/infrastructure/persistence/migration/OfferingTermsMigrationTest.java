package io.tollway.infrastructure.persistence.migration;

import io.tollway.devkit.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V6 (offering terms) on a real PostgreSQL: an offering must carry exactly its model's terms, in
 * range, while an offering that was already there before V6 stays readable and can still finish
 * its review.
 */
class OfferingTermsMigrationTest {

    private static final String ESCROW_COLUMNS =
            "escrow_setup_fee, escrow_base_fee_per_hour, escrow_variable_fee_per_hour, escrow_lockup_seconds, escrow_uptime_arbitration";
    private static final String CHANNEL_COLUMNS = "channel_unit_name, channel_unit_price, channel_setup_price, channel_min_units, "
            + "channel_max_units, channel_max_billing_unit_lag, channel_max_inactive_seconds, channel_max_suspend_seconds, channel_supply";
    private static final String ESCROW_VALUES = "1000, 3600, 7200, 0, false";
    private static final String CHANNEL_VALUES = "'MB', 10, 0, 10, 100000, 50, 3600, 3600, 10";

    private static EmbeddedDatabase database;
    private static String legacyId;

    @BeforeAll
    static void migrateWithAnOfferingFromBeforeTerms() throws SQLException {
        database = EmbeddedDatabase.start();
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .table("tollway_schema_history")
                .target("5")
                .load()
                .migrate();
        legacyId = UUID.randomUUID().toString();
        execute("insert into offering (id, provider_id, name, settlement_model, status, submitted_at, version) "
                + "values ('" + legacyId + "', 'p', 'old VPN', 'ESCROW', 'IN_REVIEW', now(), 0)");

        SchemaMigration.migrate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void anOfferingFromBeforeTermsHasNoneAndItsReviewCanStillEnd() throws SQLException {
        execute("update offering set status = 'REJECTED', decision_reason = 'no terms' where id = '" + legacyId + "'");

        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select status, escrow_base_fee_per_hour from offering where id = '" + legacyId + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("status")).isEqualTo("REJECTED");
            assertThat(row.getObject("escrow_base_fee_per_hour")).isNull();
        }
    }

    @Test
    void anOfferingCarriesExactlyItsModelsTerms() throws SQLException {
        insert("ESCROW", ESCROW_COLUMNS, ESCROW_VALUES);
        insert("CHANNEL", CHANNEL_COLUMNS, CHANNEL_VALUES);

        assertRefused(() -> insert("ESCROW", "name", "'no terms'"), "offering_terms_match_model");
        assertRefused(() -> insert("ESCROW", CHANNEL_COLUMNS, CHANNEL_VALUES), "offering_terms_match_model");
        assertRefused(() -> insert("CHANNEL", ESCROW_COLUMNS + ", " + CHANNEL_COLUMNS, ESCROW_VALUES + ", " + CHANNEL_VALUES),
                "offering_terms_match_model");
        assertRefused(() -> insert("CHANNEL", "channel_unit_name, channel_unit_price", "'MB', 10"), "offering_terms_match_model");
    }

    /** Privatix divided by a zero unit price; no writer at all may store one. */
    @Test
    void termsOutOfRangeAreRefusedByTheDatabaseToo() {
        assertRefused(() -> insert("CHANNEL", CHANNEL_COLUMNS, "'MB', 0, 0, 10, 100000, 50, 3600, 3600, 10"), "offering_terms_in_range");
        assertRefused(() -> insert("CHANNEL", CHANNEL_COLUMNS, "'MB', 10, 0, 10, 100000, 50, 3600, 3600, 65536"), "offering_terms_in_range");
        assertRefused(() -> insert("CHANNEL", CHANNEL_COLUMNS, "'MB', 10, 0, 10, 100000, -1, 3600, 3600, 10"), "offering_terms_in_range");
        assertRefused(() -> insert("CHANNEL", CHANNEL_COLUMNS, "'MB', 10, 0, 10, 9, 0, 3600, 3600, 10"), "offering_terms_in_range");
        assertRefused(() -> insert("ESCROW", ESCROW_COLUMNS, "1000, 0, 7200, 0, false"), "offering_terms_in_range");
        assertRefused(() -> insert("ESCROW", ESCROW_COLUMNS, "-1, 3600, 7200, 0, false"), "offering_terms_in_range");
    }

    private static void insert(String model, String columns, String values) throws SQLException {
        String nameColumn = columns.equals("name") ? "" : "name, ";
        String nameValue = columns.equals("name") ? "" : "'new', ";
        execute("insert into offering (id, provider_id, " + nameColumn + "settlement_model, status, submitted_at, version, " + columns + ") "
                + "values ('" + UUID.randomUUID() + "', 'p', " + nameValue + "'" + model + "', 'SUBMITTED', now(), 0, " + values + ")");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private interface Write {
        void run() throws SQLException;
    }

    private static void assertRefused(Write write, String constraint) {
        assertThatThrownBy(write::run).isInstanceOf(SQLException.class).hasMessageContaining(constraint);
    }
}
