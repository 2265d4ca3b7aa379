package io.tollway.interfaces.console.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * The console's form login (Jakarta Security). A protected console page asked for without a
 * session redirects to the JSF sign-in page, whose bean hands the credentials to
 * {@link ConsoleIdentityStore}; after it, the browser returns to the page first asked for. The
 * session keeps the authentication until sign-out or timeout.
 *
 * <p>Only requests to protected URLs (web.xml: {@code /console/*}) are ever sent to the sign-in
 * page. The API at {@code /api/v1} is not protected by the container: it authenticates each call
 * by its bearer key and answers 401 as problem JSON, never with a redirect.
 */
@ApplicationScoped
@DeclareRoles({ConsoleRoles.ADMIN, ConsoleRoles.APPROVER})
@CustomFormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(
        loginPage = ConsoleSecurity.SIGN_IN_PAGE, useForwardToLogin = false, errorPage = ""))
public class ConsoleSecurity {

    public static final String SIGN_IN_PAGE = "/console/login.xhtml";
}
