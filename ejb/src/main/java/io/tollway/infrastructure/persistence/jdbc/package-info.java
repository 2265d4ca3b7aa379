/** Plain JDBC under a transaction, for the parts that need SQL the entity manager does not offer. */
package io.tollway.infrastructure.persistence.jdbc;
