package io.tollway.application.console;

import io.tollway.domain.model.account.Role;
import io.tollway.domain.model.console.ConsoleUser;
import io.tollway.infrastructure.config.TollwayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * The embedded run's and the tests' console users, one per role, with well-known passwords
 * (printed by the launcher, written in the README). Created only where
 * {@code tollway.demo-accounts=true}, like the demo API accounts; a production server has none.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class DemoConsoleUsers {

    /** A demo user: name, role, password. */
    public record Demo(String username, String displayName, Role role, String password) {
    }

    public static final Demo ADMIN = new Demo("admin", "Demo administrator", Role.ADMIN, "tollway-admin-password");
    public static final Demo APPROVER = new Demo("approver", "Demo approver", Role.APPROVER, "tollway-approver-password");
    public static final List<Demo> ALL = List.of(ADMIN, APPROVER);

    private static final Logger LOG = Logger.getLogger(DemoConsoleUsers.class.getName());

    @PersistenceContext(unitName = "tollway")
    private EntityManager entityManager;

    @Inject
    private TollwayConfig config;

    @PostConstruct
    void createDemoUsers() {
        if (!config.demoAccounts()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Demo demo : ALL) {
            if (entityManager.find(ConsoleUser.class, demo.username()) == null) {
                entityManager.persist(ConsoleUser.create(demo.username(), demo.displayName(), demo.role(), demo.password(), now));
                LOG.info(() -> "demo console user " + demo.username() + " (" + demo.role().roleName() + ") created");
            }
        }
    }
}
