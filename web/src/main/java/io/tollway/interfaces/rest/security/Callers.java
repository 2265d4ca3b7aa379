package io.tollway.interfaces.rest.security;

import io.tollway.application.account.Caller;
import io.tollway.domain.model.account.Role;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Who is calling, checked against the roles an endpoint serves. */
public final class Callers {

    private Callers() {
    }

    /** The caller if it has one of the roles; {@link NotAuthenticated} (401) or {@link NotPermitted} (403) otherwise. */
    public static Caller require(SecurityContext security, Role... roles) {
        if (!(security.getUserPrincipal() instanceof CallerPrincipal principal)) {
            throw new NotAuthenticated();
        }
        Caller caller = principal.caller();
        if (Arrays.stream(roles).noneMatch(caller::is)) {
            throw new NotPermitted("this needs the role " + Arrays.stream(roles).map(Role::roleName)
                    .collect(Collectors.joining(" or ")) + "; " + caller.accountId() + " is " + caller.role().roleName());
        }
        return caller;
    }

    /** 401: no credentials were given. */
    public static final class NotAuthenticated extends RuntimeException {
        NotAuthenticated() {
            super("this needs an API key: Authorization: Bearer <API key>");
        }
    }

    /** 403: the caller's role may not do this. */
    public static final class NotPermitted extends RuntimeException {
        public NotPermitted(String message) {
            super(message);
        }
    }
}
