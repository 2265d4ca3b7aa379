/**
 * The client side of the provider's service controller: Tollway POSTs a signed {@link
 * io.tollway.infrastructure.provider.ProviderCommand} to the provider's webhook and only learns
 * that it was accepted; the outcome comes back later through the API. Nothing here retries:
 * the process's asynchronous job does, with the back-off of {@link
 * io.tollway.infrastructure.provider.RetrySchedule}, so a retry survives a restart. A secret
 * never appears in an exception message or a log line.
 */
package io.tollway.infrastructure.provider;
