package io.tollway.interfaces.rest;

import io.tollway.application.chain.ChainDirectory;
import io.tollway.application.chain.ChainView;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The chain and contract addresses of this deployment, for wallets and integrations. */
@Path("chain")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    @EJB
    private ChainDirectory directory;

    @GET
    public ChainView describe() {
        return directory.describe();
    }
}
