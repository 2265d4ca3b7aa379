package io.tollway.interfaces.console.security;

import io.tollway.application.account.Caller;
import io.tollway.domain.model.account.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/** Who is signed in to the console, as the application services and the audit log name them. */
@RequestScoped
public class SignedIn {

    @Inject
    private SecurityContext security;

    /** The user name; audit entries carry it. */
    public String name() {
        if (security.getCallerPrincipal() == null) {
            throw new IllegalStateException("no one is signed in"); // the container lets no one in unsigned
        }
        return security.getCallerPrincipal().getName();
    }

    /** The user as a caller of the application services: admins and approvers see every tenant's agreements. */
    public Caller caller() {
        return new Caller(name(), security.isCallerInRole(ConsoleRoles.ADMIN) ? Role.ADMIN : Role.APPROVER);
    }
}
