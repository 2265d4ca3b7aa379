/**
 * What the JSF console asks that the API does not: searches over every tenant, an agreement's
 * process diagrams with their active steps, its balances over time with the formula's projection,
 * and the admin's actions on it, each through the processes and each audited. Pages get records,
 * never entities.
 */
package io.tollway.application.console;
