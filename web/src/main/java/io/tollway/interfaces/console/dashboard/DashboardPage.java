package io.tollway.interfaces.console.dashboard;

import io.tollway.application.console.DashboardFigures;
import io.tollway.application.console.DashboardView;
import io.tollway.application.health.ComponentHealth;
import io.tollway.application.health.HealthCheck;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;

/** The console's first page: the figures that say how Tollway is doing, and the health of every part. */
@Named
@RequestScoped
public class DashboardPage {

    @EJB
    private DashboardFigures figures;

    @EJB
    private HealthCheck healthCheck;

    private DashboardView view;
    private List<ComponentHealth> health;

    @PostConstruct
    void load() {
        view = figures.read();
        health = healthCheck.check();
    }

    public DashboardView getFigures() {
        return view;
    }

    public List<ComponentHealth> getHealth() {
        return health;
    }
}
