package io.tollway.interfaces.rest;

import io.tollway.application.agreement.ApprovalTasks;
import io.tollway.application.offering.TaskNotFound;
import io.tollway.application.agreement.Agreements;
import io.tollway.application.channel.ChannelAgreements;
import io.tollway.domain.model.channel.ChequeRefused;
import io.tollway.application.agreement.TermsChange;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.domain.model.agreement.IllegalAgreementTransition;
import io.tollway.domain.model.agreement.InvalidTerms;
import io.tollway.domain.model.agreement.RequestKeyReused;
import io.tollway.domain.model.agreement.RequestKeyTaken;
import io.tollway.infrastructure.chain.ChainGatewayUnavailable;
import io.tollway.domain.model.offering.IllegalOfferingTransition;
import io.tollway.domain.model.offering.OfferingNotFound;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import io.tollway.interfaces.rest.security.Callers;

import java.io.UncheckedIOException;
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
    /** By name: the web module does not see EclipseLink's or the engine's classes. */
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final java.util.Set<String> OPTIMISTIC_LOCKS = java.util.Set.of("jakarta.persistence.OptimisticLockException",
            "org.eclipse.persistence.exceptions.OptimisticLockException", "org.camunda.bpm.engine.OptimisticLockingException");

    @Override
    public Response toResponse(Throwable exception) {
        return problemOf(exception).toResponse();
    }

    /** The problem that answers the exception (also one report's refusal among many, see UsageResource). */
    static Problem problemOf(Throwable exception) {
        Throwable cause = exception instanceof EJBException && exception.getCause() != null ? exception.getCause() : exception;
        if (isMalformedJson(exception)) {
            return Problem.of(Response.Status.BAD_REQUEST, "malformed-json", "the request body is not valid JSON for this endpoint");
        }
        if (cause instanceof Callers.NotAuthenticated) {
            return Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated", cause.getMessage());
        }
        if (cause instanceof Callers.NotPermitted) {
            return Problem.of(Response.Status.FORBIDDEN, "forbidden", cause.getMessage());
        }
        if (cause instanceof InvalidTerms) {
            return Problem.of(Response.Status.BAD_REQUEST, "invalid-terms", cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return Problem.of(Response.Status.BAD_REQUEST, "invalid-request", cause.getMessage());
        }
        if (cause instanceof OfferingNotFound || cause instanceof TaskNotFound || cause instanceof AgreementNotFound) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", cause.getMessage());
        }
        if (cause instanceof IllegalAgreementTransition) {
            return Problem.of(Response.Status.CONFLICT, "illegal-transition", cause.getMessage());
        }
        if (cause instanceof ChequeRefused refused) {
            return Problem.of(422, "cheque-refused", refused.verdict() + ": " + cause.getMessage());
        }
        if (cause instanceof Agreements.ReplayedKey || cause instanceof ChannelAgreements.ReplayedUsageKey
                || cause instanceof RequestKeyReused || cause instanceof RequestKeyTaken) {
            return Problem.of(Response.Status.CONFLICT, "idempotency-key-reused", cause.getMessage());
        }
        if (cause instanceof Agreements.OverCap) {
            return Problem.of(422, "usage-over-cap", cause.getMessage());
        }
        if (cause instanceof Agreements.UnsupportedModel) {
            return Problem.of(422, "unsupported-model", cause.getMessage());
        }
        if (cause instanceof ApprovalTasks.ClaimedByOther) {
            return Problem.of(Response.Status.CONFLICT, "task-claimed", cause.getMessage());
        }
        if (cause instanceof IllegalOfferingTransition) {
            return Problem.of(Response.Status.CONFLICT, "illegal-transition", cause.getMessage());
        }
        if (cause instanceof WebApplicationException web) {
            return problemFor(web);
        }
        if (cause instanceof UncheckedIOException || cause instanceof ChainGatewayUnavailable) {
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "dependency-unavailable", cause.getMessage());
        }
        if (isConcurrentUpdate(exception)) {
            return Problem.of(Response.Status.CONFLICT, "concurrent-update",
                    "the agreement was changed by another request at the same moment; nothing was changed by this one, try again");
        }
        if (exception instanceof ProcessingException) {
            return Problem.of(Response.Status.BAD_REQUEST, "malformed-json", "the request body could not be read");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error " + incident, exception);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "unexpected error; the server log has it under " + incident);
    }

    /** JAX-RS's own refusals (no such path, wrong method or media type, unreadable body). */
    private static Problem problemFor(WebApplicationException web) {
        int code = web.getResponse().getStatus();
        Response.Status status = Response.Status.fromStatusCode(code);
        if (status == null || code >= 500) {
            return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "unexpected error");
        }
        String kind = switch (status) {
            case BAD_REQUEST -> "invalid-request";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case NOT_ACCEPTABLE -> "not-acceptable";
            default -> "http-" + code;
        };
        return Problem.of(status, kind, web.getMessage());
    }

    /**
     * Whether the request lost a race for the same rows: JPA's, EclipseLink's or the process
     * engine's optimistic lock, or PostgreSQL ending it as one side of a deadlock (two
     * transactions locking the same agreements in another order, e.g. a batch of usage reports
     * and the chain events of a batch of bills), however deep the container wrapped it. Its
     * transaction rolled back, so the caller may simply send it again.
     */
    static boolean isConcurrentUpdate(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && DEADLOCK_DETECTED.equals(sql.getSQLState())) {
                return true;
            }
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (OPTIMISTIC_LOCKS.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
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
