package io.tollway.interfaces.rest;

import io.tollway.interfaces.rest.security.ApiKeyAuthentication;

import io.tollway.interfaces.testsupport.TestSupportResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The JAX-RS API at {@code /api/v1}. Its classes are listed, not scanned, so nothing joins it by
 * accident. The resources are application-scoped: one instance serves every request, so a request
 * does not pay for creating a resource and injecting its EJBs (a profile of the benchmark's reads
 * had several percent in that alone). Nothing in them belongs to a request: the caller's
 * {@code SecurityContext} comes as a method parameter, never a field.
 */
@ApplicationPath("/api/v1")
public class TollwayApi extends Application {

    /** The resources the OpenAPI document describes. */
    static final Set<Class<?>> RESOURCES = Set.of(OfferingsResource.class, ReviewTasksResource.class, ChainResource.class,
            AgreementsResource.class, UsageResource.class, ApprovalTasksResource.class);

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(OfferingsResource.class, ReviewTasksResource.class, ChainResource.class, AgreementsResource.class,
                UsageResource.class, ApprovalTasksResource.class, OpenApiDocument.class,
                TestSupportResource.class, ProblemMapper.class, ApiKeyAuthentication.class);
    }
}
