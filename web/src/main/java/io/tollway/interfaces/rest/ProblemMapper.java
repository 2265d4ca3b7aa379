package io.tollway.interfaces.rest;

import io.tollway.application.offering.TaskNotFound;
import io.tollway.domain.model.offering.IllegalOfferingTransition;
import io.tollway.domain.model.offering.OfferingNotFound;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into a problem answer. Errors of the caller's making get a 4xx with what
 * was wrong; anything else is logged with an id and answered 500 with only that id, never a
 * stack trace.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        return problemFor(exception).toResponse();
    }

    private Problem problemFor(Throwable exception) {
        Throwable cause = exception instanceof EJBException && exception.getCause() != null ? exception.getCause() : exception;
        if (isMalformedJson(exception)) {
            return Problem.of(Response.Status.BAD_REQUEST, "malformed-json", "the request body is not valid JSON for this endpoint");
        }
        if (cause instanceof IllegalArgumentException) {
            return Problem.of(Response.Status.BAD_REQUEST, "invalid-request", cause.getMessage());
        }
        if (cause instanceof OfferingNotFound || cause instanceof TaskNotFound) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", cause.getMessage());
        }
        if (cause instanceof IllegalOfferingTransition) {
            return Problem.of(Response.Status.CONFLICT, "illegal-transition", cause.getMessage());
        }
        if (cause instanceof WebApplicationException web) {
            Response.Status status = Response.Status.fromStatusCode(web.getResponse().getStatus());
            return Problem.of(status == null ? Response.Status.BAD_REQUEST : status, "http-" + web.getResponse().getStatus(),
                    cause.getMessage());
        }
        if (exception instanceof jakarta.ws.rs.ProcessingException) {
            return Problem.of(Response.Status.BAD_REQUEST, "malformed-json", "the request body could not be read");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error " + incident, exception);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "unexpected error; the server log has it under " + incident);
    }

    private static boolean isMalformedJson(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return true;
            }
        }
        return false;
    }
}
