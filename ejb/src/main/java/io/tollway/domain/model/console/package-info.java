/** The console's users: who may sign in, in which role, with which password (hashed). */
package io.tollway.domain.model.console;
