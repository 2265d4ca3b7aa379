package io.tollway.interfaces.rest;

import io.tollway.domain.model.account.Role;
import io.tollway.interfaces.rest.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import io.tollway.application.offering.ReviewTasks;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The approvers' open review tasks and their decisions. */
@ApplicationScoped
@Path("review-tasks")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewTasksResource {

    @EJB
    private ReviewTasks tasks;

    @GET
    public List<ReviewTaskJson> open(@QueryParam("offset") @DefaultValue("0") int offset,
                                     @QueryParam("limit") @DefaultValue("50") int limit, @Context SecurityContext security) {
        Callers.require(security, Role.APPROVER, Role.ADMIN);
        Page.check(offset, limit);
        return tasks.open(offset, limit).stream().map(ReviewTaskJson::of).toList();
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, DecisionJson decision, @Context SecurityContext security) {
        Callers.require(security, Role.APPROVER, Role.ADMIN);
        if (decision == null || decision.approved() == null) {
            throw new IllegalArgumentException("approved (true or false) is required");
        }
        tasks.decide(id, decision.approved(), decision.reason());
        return Response.noContent().build();
    }
}
