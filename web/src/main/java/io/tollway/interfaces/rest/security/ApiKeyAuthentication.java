package io.tollway.interfaces.rest.security;

import io.tollway.application.account.Accounts;
import io.tollway.application.account.Caller;
import io.tollway.interfaces.rest.Problem;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.security.Principal;
import java.util.Optional;

/**
 * Authenticates API callers by {@code Authorization: Bearer <API key>}. A request without the
 * header stays anonymous (the public endpoints serve it; the others answer 401); a request with a
 * key that matches no account is refused at once, so a typo never silently becomes anonymous.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthentication implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @EJB
    private Accounts accounts;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        Optional<Caller> caller = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? accounts.authenticate(header.substring(BEARER.length()))
                : Optional.empty();
        if (caller.isEmpty()) {
            request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated",
                    "the Authorization header must be \"Bearer <API key>\" with a valid key").toResponse());
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        CallerPrincipal principal = new CallerPrincipal(caller.get());
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return principal.caller().role().roleName().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
