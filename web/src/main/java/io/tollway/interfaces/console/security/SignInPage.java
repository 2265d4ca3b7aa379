package io.tollway.interfaces.console.security;

import io.tollway.application.audit.AuditLog;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * Sign-in and sign-out. A successful sign-in gets a new session id (the id the browser had before
 * can no longer be used: no session fixation), is audited, and continues to the page first asked
 * for, or to the user's start page. Sign-out ends the session.
 */
@Named
@RequestScoped
public class SignInPage {

    @Inject
    private SecurityContext security;

    @Inject
    private FacesContext faces;

    @EJB
    private AuditLog audit;

    private String username;
    private String password;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void signIn() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        AuthenticationStatus status = security.authenticate(request, response,
                AuthenticationParameters.withParams().credential(new UsernamePasswordCredential(username, password)));
        password = null;
        if (status == AuthenticationStatus.SEND_CONTINUE || status == AuthenticationStatus.SUCCESS) {
            request.changeSessionId();
            audit.record(request.getUserPrincipal() == null ? username : request.getUserPrincipal().getName(),
                    AuditLog.SESSION, username, "signed in", null);
        }
        switch (status) {
            case SEND_CONTINUE -> faces.responseComplete(); // the mechanism redirects to the page first asked for
            case SUCCESS -> external.redirect(external.getRequestContextPath()
                    + (request.isUserInRole(ConsoleRoles.ADMIN) ? "/console/index.xhtml" : "/console/tasks.xhtml"));
            default -> faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Wrong user name or password.", null));
        }
    }

    public void signOut() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (request.getUserPrincipal() != null) {
            String user = request.getUserPrincipal().getName();
            audit.record(user, AuditLog.SESSION, user, "signed out", null);
        }
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        external.redirect(external.getRequestContextPath() + ConsoleSecurity.SIGN_IN_PAGE + "?signedOut=true");
    }
}
