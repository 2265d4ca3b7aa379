package io.tollway.interfaces.console;

import io.tollway.application.health.ComponentHealth;
import io.tollway.application.health.HealthCheck;
import io.tollway.application.offering.OfferingCatalog;
import io.tollway.application.offering.OfferingView;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;

/** The console's first page: the health of every part and the newest offerings. */
@Named
@RequestScoped
public class DashboardPage {

    @EJB
    private HealthCheck healthCheck;

    @EJB
    private OfferingCatalog catalog;

    private List<ComponentHealth> health;
    private List<OfferingView> offerings;
    private long offeringCount;

    @PostConstruct
    void load() {
        health = healthCheck.check();
        offerings = catalog.page(0, 10);
        offeringCount = catalog.count();
    }

    public List<ComponentHealth> getHealth() {
        return health;
    }

    public List<OfferingView> getOfferings() {
        return offerings;
    }

    public long getOfferingCount() {
        return offeringCount;
    }
}
