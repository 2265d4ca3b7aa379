package io.tollway.interfaces.rest.security;

import io.tollway.application.account.Caller;

import java.security.Principal;

/** The authenticated caller of an API request. */
public record CallerPrincipal(Caller caller) implements Principal {

    @Override
    public String getName() {
        return caller.accountId();
    }
}
