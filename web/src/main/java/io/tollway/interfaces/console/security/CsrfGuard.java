package io.tollway.interfaces.console.security;

import jakarta.faces.render.ResponseStateManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.util.logging.Logger;

/**
 * Refuses a console POST that does not carry its token, before anything runs. Every console form
 * is a JSF form, and its {@code jakarta.faces.ViewState} is a random key into the views of the
 * session that rendered it (state saving on the server): a POST without it would otherwise be
 * taken by JSF as a first request and silently render the page, and one with a key that is not
 * this session's ends in {@code ViewExpiredException} (the "form refused" page) without running
 * any action. A POST whose {@code Origin} names another site is refused too, token or not.
 */
@WebFilter(filterName = "csrfGuard", urlPatterns = "/console/*")
public class CsrfGuard extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(CsrfGuard.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod())) {
            String refusal = refusal(request);
            if (refusal != null) {
                LOG.warning(() -> "console POST to " + request.getRequestURI() + " refused: " + refusal);
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String refusal(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            return "Origin " + origin + " is another site";
        }
        String token = request.getParameter(ResponseStateManager.VIEW_STATE_PARAM);
        if (token == null || token.isBlank()) {
            return "no " + ResponseStateManager.VIEW_STATE_PARAM;
        }
        return null;
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            int port = uri.getPort() == -1 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort();
            return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getHost() != null && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
