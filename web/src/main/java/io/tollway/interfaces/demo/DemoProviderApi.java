package io.tollway.interfaces.demo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The built-in demo provider at {@code /demo-provider}: a stand-in for a provider's own system,
 * so it is not part of Tollway's API at {@code /api/v1} (nor of its OpenAPI document). A second
 * JAX-RS application in the same WAR; both list their classes, so neither picks up the other's.
 */
@ApplicationPath("/demo-provider")
public class DemoProviderApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(DemoProviderResource.class);
    }
}
