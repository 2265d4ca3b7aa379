/** JPA (EclipseLink) implementations of the domain repositories, on the application's JTA datasource. */
package io.tollway.infrastructure.persistence.jpa;
