package io.tollway.infrastructure.provider;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * The providers' service controllers as the processes reach them: one webhook client (one HTTP
 * client with its connection pool) for the whole application, not one per command.
 */
@ApplicationScoped
public class ServiceControllers {

    private final ProviderWebhook webhook = new ProviderWebhook();

    /** Delivers the command; a failure throws ({@link ProviderUnreachable}: retry; {@link ProviderRefused}: do not). */
    public void send(URI url, String secret, ProviderCommand command) {
        webhook.deliver(url, secret, command);
    }
}
