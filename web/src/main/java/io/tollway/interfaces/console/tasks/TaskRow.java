package io.tollway.interfaces.console.tasks;

import io.tollway.application.agreement.AgreementView;
import io.tollway.application.agreement.ApprovalTasks.ApprovalTask;

import java.util.List;

/** One row of the task list: the task and, beside it, the agreement it asks about with its terms. */
public record TaskRow(ApprovalTask task, AgreementView agreement, List<Term> terms) {

    /** One term of the agreement, as its field name and value. */
    public record Term(String name, String value) {
    }

    public boolean claimedBy(String user) {
        return user.equals(task.assignee());
    }

    public boolean claimedByOther(String user) {
        return task.assignee() != null && !claimedBy(user);
    }
}
