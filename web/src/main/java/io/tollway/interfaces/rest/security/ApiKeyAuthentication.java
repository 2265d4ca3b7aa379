package io.tollway.interfaces.rest.security;

import io.tollway.application.account.Accounts;
import io.tollway.application.account.Caller;
import io.tollway.domain.model.account.ApiKey;
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
    /**
     * How long a key, once found, is taken without asking the database again: a key removed from
     * its account stops working at most this long after. Every request asked before (an EJB call,
     * a transaction and a query each).
     */
    static final long REMEMBERED_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    /** Enough for every account's key; past it, the remembered keys are forgotten at once. */
    private static final int MOST_REMEMBERED = 10_000;

    /** Callers by their key's hash (the keys themselves are not kept), with when to ask again. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Known> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

    private record Known(Caller caller, long until) {
    }

    @EJB
    private Accounts accounts;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        Optional<Caller> caller = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? caller(header.substring(BEARER.length()))
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

    /** The key's caller, remembered for a while; an unknown key is asked about every time. */
    Optional<Caller> caller(String apiKey) {
        if (apiKey.isBlank() || apiKey.length() > 200) {
            return Optional.empty();
        }
        String hash = ApiKey.hash(apiKey.strip());
        long now = System.nanoTime();
        Known remembered = KNOWN.get(hash);
        if (remembered != null && now - remembered.until() < 0) {
            return Optional.of(remembered.caller());
        }
        Optional<Caller> caller = accounts.authenticate(apiKey);
        if (caller.isPresent()) {
            if (KNOWN.size() >= MOST_REMEMBERED) {
                KNOWN.clear();
            }
            KNOWN.put(hash, new Known(caller.get(), now + REMEMBERED_NANOS));
        } else {
            KNOWN.remove(hash);
        }
        return caller;
    }
}
