package io.tollway.infrastructure.persistence.jdbc;

import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.function.Supplier;

/**
 * Where {@link JtaTransactor}'s transactions begin: in an EJB method, so that GlassFish attaches
 * the transaction to a component invocation. GlassFish enlists a pooled connection only in such a
 * transaction. The CDI {@code @Transactional} interceptor that began them before goes through the
 * bare transaction manager; on the gateway's and the event reader's own threads every connection
 * then ran in auto-commit: the engine's steps and the reader's rows were written at once while
 * EclipseLink's changes waited for a commit that could still fail, so a failed commit kept half
 * of the work (an event recorded and its process moved on, the agreement's status change lost).
 *
 * <p>An exception of the work comes back as it was thrown, after the transaction is marked for
 * rollback: the container would wrap it, and the gateway's workers tell failures apart by type.
 */
@Stateless
@LocalBean
public class TransactionBoundary {

    @Resource
    private SessionContext context;

    /** What the work returned, or the exception it threw. */
    public record Outcome<T>(T value, RuntimeException failure) {

        public T valueOrThrow() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> Outcome<T> inNewTransaction(Supplier<T> work) {
        return run(work);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public <T> Outcome<T> inCurrentTransaction(Supplier<T> work) {
        return run(work);
    }

    private <T> Outcome<T> run(Supplier<T> work) {
        try {
            return new Outcome<>(work.get(), null);
        } catch (RuntimeException e) {
            context.setRollbackOnly();
            return new Outcome<>(null, e);
        }
    }
}
