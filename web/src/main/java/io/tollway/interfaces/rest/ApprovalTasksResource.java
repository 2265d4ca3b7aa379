package io.tollway.interfaces.rest;

import io.tollway.application.account.Caller;
import io.tollway.application.agreement.ApprovalTasks;
import io.tollway.domain.model.account.Role;
import io.tollway.interfaces.rest.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
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
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;

/** The approvers' agreement tasks: list them, approve or reject (a rejection needs a reason). */
@ApplicationScoped
@Path("approval-tasks")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalTasksResource {

    @EJB
    private ApprovalTasks tasks;


    @GET
    public List<ApprovalTasks.ApprovalTask> open(@QueryParam("offset") @DefaultValue("0") int offset,
                                                 @QueryParam("limit") @DefaultValue("50") int limit, @Context SecurityContext security) {
        Callers.require(security, Role.APPROVER, Role.ADMIN);
        Page.check(offset, limit);
        return tasks.open(offset, limit);
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, DecisionJson decision, @Context SecurityContext security) {
        Caller caller = Callers.require(security, Role.APPROVER, Role.ADMIN);
        if (decision == null || decision.approved() == null) {
            throw new IllegalArgumentException("approved (true or false) is required");
        }
        tasks.decide(id, decision.approved(), decision.reason(), caller.accountId());
        return Response.noContent().build();
    }
}
