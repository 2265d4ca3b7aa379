package io.tollway.application.account;

import io.tollway.domain.model.account.Account;
import io.tollway.domain.model.account.Role;
import io.tollway.infrastructure.config.TollwayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * The embedded run's and the tests' accounts, one per role, with well-known API keys (printed by
 * the launcher and written in the README). Created only where {@code tollway.demo-accounts=true};
 * a production server never has them.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class DemoAccounts {

    /** An account of the demo: its id, role and API key. */
    public record Demo(String id, String name, Role role, String apiKey) {
    }

    public static final Demo ADMIN = new Demo("demo-admin", "Demo administrator", Role.ADMIN, "demo-admin-key");
    public static final Demo APPROVER = new Demo("demo-approver", "Demo approver", Role.APPROVER, "demo-approver-key");
    public static final Demo PROVIDER = new Demo("demo-provider", "Demo VPN Ltd", Role.PROVIDER, "demo-provider-key");
    public static final Demo CONSUMER = new Demo("demo-consumer", "Alice (demo consumer)", Role.CONSUMER, "demo-consumer-key");
    public static final Demo OTHER_CONSUMER = new Demo("demo-consumer-2", "Bob (second demo consumer)", Role.CONSUMER, "demo-consumer-2-key");
    public static final List<Demo> ALL = List.of(ADMIN, APPROVER, PROVIDER, CONSUMER, OTHER_CONSUMER);

    /** The secret the built-in demo provider checks webhook signatures with. */
    public static final String DEMO_WEBHOOK_SECRET = "demo-webhook-secret-0123456789";

    private static final Logger LOG = Logger.getLogger(DemoAccounts.class.getName());

    @PersistenceContext(unitName = "tollway")
    private EntityManager entityManager;

    @Inject
    private TollwayConfig config;

    @PostConstruct
    void createDemoAccounts() {
        if (!config.demoAccounts()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Demo demo : ALL) {
            if (entityManager.find(Account.class, demo.id()) != null) {
                continue;
            }
            Account account = Account.open(demo.id(), demo.name(), demo.role(), demo.apiKey(), now);
            if (demo.role() == Role.PROVIDER) {
                account.serviceController(URI.create(config.demoProviderWebhookUrl()), DEMO_WEBHOOK_SECRET);
            }
            entityManager.persist(account);
            LOG.info(() -> "demo account " + demo.id() + " (" + demo.role().roleName() + ") created");
        }
    }
}
