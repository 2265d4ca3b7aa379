package io.tollway.process.engine;

import jakarta.ejb.EJBException;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;

/**
 * Runs delegates as the engine does, but lets the exception of an EJB a delegate called reach
 * the engine as itself, not wrapped in {@link EJBException}. Why: the container's wrapper often
 * has no message, and the engine writes the top exception's message into the failed job and the
 * incident an operator reads.
 */
final class RootCauseDelegateInterceptor extends DefaultDelegateInterceptor {

    @Override
    public void handleInvocation(DelegateInvocation invocation) throws Exception {
        try {
            super.handleInvocation(invocation);
        } catch (EJBException wrapped) {
            throw unwrap(wrapped);
        }
    }

    private static Exception unwrap(EJBException wrapped) {
        Throwable cause = wrapped;
        while (cause instanceof EJBException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof Exception exception ? exception : wrapped;
    }
}
