package io.tollway.interfaces.rest.security;

import io.tollway.application.account.Accounts;
import io.tollway.application.account.Caller;
import io.tollway.domain.model.account.Role;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter on its own, with an account store that counts how often it is asked. */
class ApiKeyAuthenticationTest {

    /** Knows one key; counts every question. */
    static final class CountingAccounts extends Accounts {
        final AtomicInteger asked = new AtomicInteger();
        private final String key;

        CountingAccounts(String key) {
            this.key = key;
        }

        @Override
        public Optional<Caller> authenticate(String apiKey) {
            asked.incrementAndGet();
            return key.equals(apiKey) ? Optional.of(new Caller("acct-" + key, Role.PROVIDER)) : Optional.empty();
        }
    }

    private static ApiKeyAuthentication filter(Accounts accounts) throws ReflectiveOperationException {
        ApiKeyAuthentication filter = new ApiKeyAuthentication();
        Field field = ApiKeyAuthentication.class.getDeclaredField("accounts");
        field.setAccessible(true);
        field.set(filter, accounts);
        return filter;
    }

    /** A request with the header; what the filter set is in {@code effects}. */
    private static ContainerRequestContext request(String authorization, Map<String, Object> effects) {
        SecurityContext insecure = (SecurityContext) Proxy.newProxyInstance(SecurityContext.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (p, m, a) -> m.getName().equals("isSecure") ? false : null);
        return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getHeaderString" -> authorization;
                    case "getSecurityContext" -> effects.getOrDefault("securityContext", insecure);
                    case "setSecurityContext" -> effects.put("securityContext", a[0]);
                    default -> null;
                });
    }

    @Test
    void aKnownKeyIsAskedAboutOnceAndItsCallerServesTheNextRequests() throws Exception {
        CountingAccounts accounts = new CountingAccounts("key-remembered");
        ApiKeyAuthentication filter = filter(accounts);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> effects = new HashMap<>();
            filter.filter(request("Bearer key-remembered", effects));
            SecurityContext security = (SecurityContext) effects.get("securityContext");
            assertThat(((CallerPrincipal) security.getUserPrincipal()).caller().accountId()).isEqualTo("acct-key-remembered");
            assertThat(security.isUserInRole("provider")).isTrue();
        }
        assertThat(accounts.asked.get()).isEqualTo(1);
    }

    @Test
    void anUnknownKeyIsRefusedAndAskedAboutEveryTime() throws Exception {
        CountingAccounts accounts = new CountingAccounts("key-of-someone");
        ApiKeyAuthentication filter = filter(accounts);
        // (the filter answers it 401 with a problem, which needs the server's JAX-RS runtime)
        assertThat(filter.caller("key-unknown")).isEmpty();
        assertThat(filter.caller("key-unknown")).isEmpty();
        assertThat(accounts.asked.get()).isEqualTo(2);
    }
}
