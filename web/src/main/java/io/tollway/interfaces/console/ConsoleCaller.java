package io.tollway.interfaces.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;

/**
 * Who uses the console in this request: the actor the audit log names, and whether admin actions
 * are offered. The one place that reads the container's security for the console's pages.
 */
@Named
@RequestScoped
public class ConsoleCaller {

    /** Named in the audit when the console runs without sign-in (before form login is configured). */
    static final String ANONYMOUS = "anonymous";

    @Inject
    HttpServletRequest request;

    public String actor() {
        Principal principal = request.getUserPrincipal();
        return principal == null ? ANONYMOUS : principal.getName();
    }

    /**
     * Whether admin actions are offered (the EJBs act for the operator either way; web.xml keeps
     * the pages to admins and approvers). A request without a principal only reaches a page while
     * the console has no login at all, as before form login existed; once /console/* is
     * constrained, every request here has one and only the admin role sees the actions.
     */
    public boolean isAdmin() {
        return request.getUserPrincipal() == null || request.isUserInRole("admin");
    }
}
