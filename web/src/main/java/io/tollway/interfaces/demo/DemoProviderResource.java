package io.tollway.interfaces.demo;

import io.tollway.infrastructure.provider.WebhookSignature;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The demo provider's webhook, {@code POST /demo-provider/webhook}: what a provider implements to
 * receive Tollway's commands. The body is read as the exact text that was signed.
 */
@Path("webhook")
public class DemoProviderResource {

    @Inject
    private DemoServiceController controller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
                            @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signature,
                            String body) {
        DemoServiceController.Answer answer = controller.receive(timestamp, signature, body);
        return Response.status(answer.status).entity(Map.of("answer", answer.text)).build();
    }
}
