package io.tollway.infrastructure.persistence.jdbc;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The server's {@link Transactor}: JTA transactions on Tollway's data source, which the process
 * engine and EclipseLink join. They begin in {@link TransactionBoundary}, an EJB, because only
 * there does GlassFish enlist the connections taken inside them (see there).
 */
@ApplicationScoped
public class JtaTransactor implements Transactor {

    @Resource(lookup = "jdbc/tollway")
    private DataSource dataSource;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private TransactionBoundary boundary;

    @Override
    public <T> T inNewTransaction(Work<T> work) {
        return committed(() -> boundary.inNewTransaction(() -> run(work)));
    }

    @Override
    public <T> T inCurrentTransaction(Work<T> work) {
        return committed(() -> boundary.inCurrentTransaction(() -> run(work)));
    }

    private static <T> T committed(Supplier<TransactionBoundary.Outcome<T>> call) {
        TransactionBoundary.Outcome<T> outcome;
        try {
            outcome = call.get();
        } catch (EJBException commitFailed) {
            // the work returned, its commit did not: the container says only that it rolled back
            throw new TransactionRolledBack(commitFailed);
        }
        return outcome.valueOrThrow();
    }

    @Override
    public void afterCommit(Runnable action) {
        if (transactions.getTransactionKey() == null) {
            action.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    private <T> T run(Work<T> work) {
        // inside the JTA transaction every connection of the pool's resource is enlisted in it
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessFailed(e);
        }
    }
}
