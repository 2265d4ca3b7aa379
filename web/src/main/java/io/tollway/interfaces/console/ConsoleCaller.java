package io.tollway.interfaces.console;

import io.tollway.interfaces.console.security.ConsoleRoles;
import io.tollway.interfaces.console.security.SignedIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who uses the console's agreement and offering pages in this request: the actor the audit log
 * names, and whether admin actions are offered (web.xml admits admins and approvers only).
 */
@Named
@RequestScoped
public class ConsoleCaller {

    @Inject
    HttpServletRequest request;

    @Inject
    SignedIn signedIn;

    public String actor() {
        return signedIn.name();
    }

    public boolean isAdmin() {
        return request.isUserInRole(ConsoleRoles.ADMIN);
    }
}
