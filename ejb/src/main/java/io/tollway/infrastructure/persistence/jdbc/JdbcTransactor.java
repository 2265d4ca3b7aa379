package io.tollway.infrastructure.persistence.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** A {@link Transactor} over a plain data source: one JDBC transaction per unit of work. */
public final class JdbcTransactor implements Transactor {

    private final DataSource dataSource;

    public JdbcTransactor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T inNewTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessFailed(e);
        }
    }

    @Override
    public <T> T inCurrentTransaction(Work<T> work) {
        return inNewTransaction(work);
    }

    @Override
    public void afterCommit(Runnable action) {
        // every unit of work here commits before its method returns
        action.run();
    }
}
