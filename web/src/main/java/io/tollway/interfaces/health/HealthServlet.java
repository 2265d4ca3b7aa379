package io.tollway.interfaces.health;

import io.tollway.application.health.ComponentHealth;
import io.tollway.application.health.HealthCheck;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: each part Tollway needs, UP or DOWN (or DISABLED where this deployment
 * does not use it), and 503 when any is down, so a load balancer or an operator's probe can act
 * on the status code alone.
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

    @EJB
    private HealthCheck health;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<ComponentHealth> components = health.check();
        boolean up = components.stream().noneMatch(ComponentHealth::isDown);
        JsonObjectBuilder parts = Json.createObjectBuilder();
        for (ComponentHealth component : components) {
            JsonObjectBuilder details = Json.createObjectBuilder();
            for (Map.Entry<String, Object> detail : component.details().entrySet()) {
                details.add(detail.getKey(), String.valueOf(detail.getValue()));
            }
            parts.add(component.name(), Json.createObjectBuilder()
                    .add("status", component.status().name())
                    .add("details", details));
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("components", parts)
                .build().toString());
    }
}
