package io.tollway.interfaces.rest;

import io.tollway.domain.model.account.Role;
import io.tollway.interfaces.rest.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import io.tollway.application.chain.ChainDirectory;
import io.tollway.application.chain.ChainView;
import io.tollway.application.chain.ChainTransactionView;
import io.tollway.application.chain.ChainTransactions;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The chain and contract addresses of this deployment, for wallets and integrations. */
@ApplicationScoped
@Path("chain")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    @EJB
    private ChainDirectory directory;

    @EJB
    private ChainTransactions transactions;

    @GET
    public ChainView describe() {
        return directory.describe();
    }

    /** The newest chain transactions, optionally of one state ({@code SUBMITTED}, …) and one subject. */
    @GET
    @Path("transactions")
    public List<ChainTransactionView> transactions(@QueryParam("state") String state, @QueryParam("subject") String subject,
                                                   @QueryParam("limit") @DefaultValue("50") int limit,
                                                   @Context SecurityContext security) {
        Callers.require(security, Role.ADMIN);
        return transactions.newest(state, subject, limit);
    }

    @GET
    @Path("transactions/{id}")
    public ChainTransactionView transaction(@PathParam("id") long id, @Context SecurityContext security) {
        Callers.require(security, Role.ADMIN);
        return transactions.find(id).orElseThrow(() -> new NotFoundException("no chain transaction " + id));
    }
}
