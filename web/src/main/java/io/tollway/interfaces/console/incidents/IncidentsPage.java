package io.tollway.interfaces.console.incidents;

import io.tollway.application.console.IncidentView;
import io.tollway.application.console.Incidents;
import io.tollway.interfaces.console.security.SignedIn;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** Open incidents (jobs that failed their last retry) with their error; retry one or all. Admins only (web.xml). */
@Named
@RequestScoped
public class IncidentsPage {

    @EJB
    private Incidents incidents;

    @Inject
    private SignedIn signedIn;

    @Inject
    private FacesContext faces;

    private List<IncidentView> open;

    public List<IncidentView> getOpen() {
        if (open == null) {
            open = incidents.open();
        }
        return open;
    }

    public String retry() {
        String id = faces.getExternalContext().getRequestParameterMap().get("incidentId");
        try {
            incidents.retry(id, signedIn.name());
            return done("Incident " + id + " retried: its job runs again now.");
        } catch (Incidents.IncidentGone gone) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "This incident is no longer open.", null));
            open = null;
            return null;
        }
    }

    public String retryAll() {
        int count = incidents.retryAll(signedIn.name());
        return done(count == 0 ? "There was no open incident." : count + " incidents retried: their jobs run again now.");
    }

    private String done(String message) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
        return "/console/incidents.xhtml?faces-redirect=true";
    }
}
