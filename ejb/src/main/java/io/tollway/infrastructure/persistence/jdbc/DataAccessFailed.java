package io.tollway.infrastructure.persistence.jdbc;

import java.sql.SQLException;

/** The database refused or lost a statement; the unit of work was rolled back. */
public class DataAccessFailed extends RuntimeException {

    public DataAccessFailed(SQLException cause) {
        super(cause.getMessage() + " (SQL state " + cause.getSQLState() + ")", cause);
    }
}
