package io.tollway.interfaces.rest;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The OpenAPI 3 document of the API, read from the resources' JAX-RS annotations once. */
@ApplicationScoped
@Path("openapi.json")
public class OpenApiDocument {

    private static volatile String document;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get() throws Exception {
        String current = document;
        if (current == null) {
            OpenAPI base = new OpenAPI()
                    .info(new Info().title("Tollway API").version("v1")
                            .description("Offerings, agreements and their settlement on chain."))
                    .servers(List.of(new Server().url("/api/v1")));
            current = Json.pretty(new Reader(base).read(TollwayApi.RESOURCES));
            document = current;
        }
        return current;
    }
}
