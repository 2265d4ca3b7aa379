package io.tollway.interfaces.rest;

import io.tollway.application.account.Caller;
import io.tollway.application.offering.SubmitOffering;
import io.tollway.domain.model.account.Role;
import io.tollway.interfaces.rest.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.SecurityContext;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.tollway.application.offering.OfferingCatalog;
import io.tollway.application.offering.OfferingView;
import io.tollway.domain.model.offering.OfferingNotFound;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Offerings: a provider submits one, anybody reads them. */
@ApplicationScoped
@Path("offerings")
@Produces(MediaType.APPLICATION_JSON)
public class OfferingsResource {

    @EJB
    private OfferingCatalog catalog;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "submitted; its review has started",
            content = @Content(schema = @Schema(implementation = OfferingJson.class)))
    @ApiResponse(responseCode = "400", description = "problem types invalid-terms (terms missing, of the other model or nonsense; "
            + "the detail names the field), invalid-request, malformed-json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(SubmitOfferingJson body, @Context UriInfo uri, @Context SecurityContext security) {
        Caller caller = Callers.require(security, Role.PROVIDER, Role.ADMIN);
        if (body == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        SubmitOffering command = body.toCommand();
        if (caller.is(Role.PROVIDER)) {
            // a provider offers only in its own name
            if (command.providerId() != null && !command.providerId().equals(caller.accountId())) {
                throw new Callers.NotPermitted("a provider submits offerings as itself (" + caller.accountId() + ")");
            }
            command = new SubmitOffering(caller.accountId(), command.name(), command.terms());
        }
        OfferingView offering = catalog.submit(command);
        return Response.created(uri.getAbsolutePathBuilder().path(offering.id()).build())
                .entity(OfferingJson.of(offering))
                .build();
    }

    @GET
    public Page<OfferingJson> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                   @QueryParam("limit") @DefaultValue("50") int limit) {
        Page.check(offset, limit);
        return new Page<>(catalog.page(offset, limit).stream().map(OfferingJson::of).toList(), offset, limit, catalog.count());
    }

    @GET
    @Path("{id}")
    public OfferingJson get(@PathParam("id") String id) {
        return catalog.find(id).map(OfferingJson::of).orElseThrow(() -> new OfferingNotFound(id));
    }
}
