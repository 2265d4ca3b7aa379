package io.tollway.process.engine;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The container's transaction manager as the process engine must see it on GlassFish.
 *
 * <p>Why: GlassFish enlists a pooled connection only in a transaction attached to the current
 * component invocation. {@link UserTransaction#begin()} attaches one; the raw
 * {@link TransactionManager#begin()} does not, so a transaction the engine begins itself (a timer
 * or async job, failed-job handling) would leave EclipseLink's connection outside it. This adapter
 * begins and ends such transactions through {@code java:comp/UserTransaction} and leaves every
 * other call, including those inside container-managed transactions, to the real manager.
 */
final class ContainerTransactionManager implements TransactionManager {

    private final TransactionManager container;

    /** Per thread, each transaction begun here (innermost first), with what ends it. */
    private final ThreadLocal<Deque<UserTransaction>> begunHere = ThreadLocal.withInitial(ArrayDeque::new);

    ContainerTransactionManager(TransactionManager container) {
        this.container = container;
    }

    @Override
    public void begin() throws NotSupportedException, SystemException {
        UserTransaction userTransaction = lookupUserTransaction();
        if (userTransaction != null) {
            try {
                userTransaction.begin();
                begunHere.get().push(userTransaction);
                return;
            } catch (IllegalStateException forbidden) {
                // fall through to the container's manager
            }
        }
        // a container-managed component outside any transaction (e.g. NOT_SUPPORTED): the
        // container forbids UserTransaction there, and its own manager is the only way
        container.begin();
        begunHere.get().push(new ContainerBegun());
    }

    @Override
    public void commit() throws RollbackException, HeuristicMixedException, HeuristicRollbackException, SystemException {
        Deque<UserTransaction> begun = begunHere.get();
        if (begun.isEmpty()) {
            container.commit();
        } else {
            begun.pop().commit();
        }
    }

    @Override
    public void rollback() throws IllegalStateException, SecurityException, SystemException {
        Deque<UserTransaction> begun = begunHere.get();
        if (begun.isEmpty()) {
            container.rollback();
        } else {
            begun.pop().rollback();
        }
    }

    @Override
    public void setRollbackOnly() throws IllegalStateException, SystemException {
        container.setRollbackOnly();
    }

    @Override
    public int getStatus() throws SystemException {
        return container.getStatus();
    }

    @Override
    public Transaction getTransaction() throws SystemException {
        return container.getTransaction();
    }

    @Override
    public void setTransactionTimeout(int seconds) throws SystemException {
        container.setTransactionTimeout(seconds);
    }

    @Override
    public Transaction suspend() throws SystemException {
        return container.suspend();
    }

    @Override
    public void resume(Transaction transaction) throws InvalidTransactionException, IllegalStateException, SystemException {
        container.resume(transaction);
    }

    /** The component's UserTransaction, or null where the container offers none. */
    private static UserTransaction lookupUserTransaction() {
        try {
            return (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
        } catch (NamingException | IllegalStateException e) {
            return null;
        }
    }

    /** Ends a transaction that was begun through the container's own manager. */
    private final class ContainerBegun implements UserTransaction {
        @Override
        public void begin() {
            throw new IllegalStateException("already begun");
        }

        @Override
        public void commit() throws RollbackException, HeuristicMixedException, HeuristicRollbackException, SystemException {
            container.commit();
        }

        @Override
        public void rollback() throws SystemException {
            container.rollback();
        }

        @Override
        public void setRollbackOnly() throws SystemException {
            container.setRollbackOnly();
        }

        @Override
        public int getStatus() throws SystemException {
            return container.getStatus();
        }

        @Override
        public void setTransactionTimeout(int seconds) throws SystemException {
            container.setTransactionTimeout(seconds);
        }
    }
}
