package io.tollway.infrastructure.persistence.migration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings Tollway's own tables to the newest schema version before anything else starts
 * (versioned Flyway migrations under {@code db/migration}). The process engine manages its own
 * tables. Bean-managed so Flyway's own commits run outside any container transaction.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/tollway")
    private DataSource dataSource;

    // not named migrate: GlassFish may resolve the callback by name and pick the static overload
    @PostConstruct
    void migrateOnStart() {
        MigrateResult result = migrate(dataSource);
        LOG.info(() -> "Tollway schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    /** Migrates the given database; also used by component tests and benchmarks outside the server. */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("tollway_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
