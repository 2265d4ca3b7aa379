package io.tollway.interfaces.console.tasks;

import io.tollway.application.agreement.AgreementView;
import io.tollway.application.agreement.Agreements;
import io.tollway.application.agreement.ApprovalTasks;
import io.tollway.application.agreement.ApprovalTasks.ApprovalTask;
import io.tollway.application.offering.TaskNotFound;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.interfaces.console.security.SignedIn;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approvers' task list: every open agreement approval of the approvers' group with the
 * agreement's terms beside it; claim, release, approve, reject (with a reason). Each row is its
 * own form carrying its task's id, so a decision names the task the approver saw even when the
 * list changed in between.
 */
@Named
@RequestScoped
public class TasksPage {

    static final int MAX_TASKS = 200;

    @EJB
    private ApprovalTasks approvals;

    @EJB
    private Agreements agreements;

    @Inject
    private SignedIn signedIn;

    @Inject
    private FacesContext faces;

    private List<TaskRow> rows;

    public List<TaskRow> getRows() {
        if (rows == null) {
            rows = new ArrayList<>();
            for (ApprovalTask task : approvals.open(0, MAX_TASKS)) {
                row(task).ifPresent(rows::add);
            }
        }
        return rows;
    }

    public String getUser() {
        return signedIn.name();
    }

    /** The task of the row whose form was sent (its hidden field), not a row index: the list may have changed since. */
    private String taskId() {
        return faces.getExternalContext().getRequestParameterMap().get("taskId");
    }

    private String reason() {
        return faces.getExternalContext().getRequestParameterMap().get("reason");
    }

    public String claim() {
        return act(() -> approvals.claim(taskId(), signedIn.name()), "You claimed the task.");
    }

    public String unclaim() {
        return act(() -> approvals.unclaim(taskId(), signedIn.name()), "You released the task to the approvers.");
    }

    public String approve() {
        return act(() -> approvals.decide(taskId(), true, reason(), signedIn.name()), "Approved.");
    }

    public String reject() {
        String reason = reason();
        if (reason == null || reason.isBlank()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "A rejection needs a reason. Nothing was decided.", null));
            return null;
        }
        return act(() -> approvals.decide(taskId(), false, reason, signedIn.name()), "Rejected.");
    }

    /** Runs the action; shows what happened, and the list again as it is now (a redirect: a reload repeats nothing). */
    private String act(Runnable action, String done) {
        try {
            action.run();
            faces.getExternalContext().getFlash().setKeepMessages(true);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
            return "/console/tasks.xhtml?faces-redirect=true";
        } catch (TaskNotFound gone) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN,
                    "This task is no longer open: someone else decided it, or the agreement moved on.", null));
        } catch (ApprovalTasks.ClaimedByOther claimed) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, claimed.getMessage() + ".", null));
        } catch (IllegalArgumentException refused) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage() + ".", null));
        }
        rows = null;
        return null;
    }

    private Optional<TaskRow> row(ApprovalTask task) {
        try {
            AgreementView agreement = agreements.find(signedIn.caller(), task.agreementId(), false);
            return Optional.of(new TaskRow(task, agreement, terms(agreement.terms())));
        } catch (AgreementNotFound gone) {
            return Optional.empty();
        }
    }

    /** The terms' JSON as name and value pairs, in their order. */
    static List<TaskRow.Term> terms(String json) {
        List<TaskRow.Term> terms = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return terms;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            object.forEach((name, value) -> terms.add(new TaskRow.Term(name, text(value))));
        }
        return terms;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}
