/** Accounts: who calls Tollway, in which role, and how a provider's service controller is reached. */
package io.tollway.domain.model.account;
