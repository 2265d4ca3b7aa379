package io.tollway.application.agreement;

import io.tollway.application.audit.AuditLog;
import io.tollway.application.offering.TaskNotFound;
import io.tollway.process.agreement.AgreementVariables;
import io.tollway.process.engine.EngineClock;
import io.tollway.process.engine.ProcessEngineBootstrap;
import io.tollway.processes.ProcessModels;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.Task;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The approvers' task list for agreements: which agreements wait for the provider side's approval,
 * who has claimed which, and the decision. Claims, releases and decisions are audited on the
 * agreement in the same transaction as the change itself.
 */
@Stateless
public class ApprovalTasks {

    public static final String APPROVERS = "approvers";
    /** The approval process's escalation step; once it ran, the task is shown as escalated. */
    static final String ESCALATION_ACTIVITY = "escalateApproval";

    @EJB
    private ProcessEngineBootstrap bootstrap;

    @EJB
    private AuditLog audit;

    /**
     * An open approval: the task, its agreement, when it is due, who claimed it (null: nobody), and
     * whether it is overdue (by the engine's clock) and was escalated to the admins.
     */
    public record ApprovalTask(String id, String agreementId, String name, Instant createdAt, Instant dueAt, String assignee,
                               boolean overdue, boolean escalated) {
    }

    public List<ApprovalTask> open(int offset, int limit) {
        return tasks().createTaskQuery().processDefinitionKey(ProcessModels.AGREEMENT_APPROVAL).taskCandidateGroup(APPROVERS)
                .includeAssignedTasks()
                .orderByTaskCreateTime().asc().listPage(offset, limit).stream()
                .map(this::view).flatMap(Optional::stream).toList();
    }

    /** The open task, if there still is one. */
    public Optional<ApprovalTask> find(String taskId) {
        return Optional.ofNullable(task(taskId)).flatMap(this::view);
    }

    /** The task is {@code user}'s until released: others see who has it and cannot decide it. */
    public void claim(String taskId, String user) {
        Task task = openTask(taskId);
        if (task.getAssignee() != null) {
            if (task.getAssignee().equals(user)) {
                return;
            }
            throw new ClaimedByOther(taskId, task.getAssignee());
        }
        tasks().claim(taskId, user);
        audit.record(user, AuditLog.AGREEMENT, agreementOf(task), "claimed approval task", "task " + taskId);
    }

    /** Gives the task back to the group; only its claimant may. */
    public void unclaim(String taskId, String user) {
        Task task = openTask(taskId);
        if (task.getAssignee() == null) {
            return;
        }
        if (!task.getAssignee().equals(user)) {
            throw new ClaimedByOther(taskId, task.getAssignee());
        }
        tasks().setAssignee(taskId, null);
        audit.record(user, AuditLog.AGREEMENT, agreementOf(task), "released approval task", "task " + taskId);
    }

    /**
     * The approver's decision, recorded in the audit log as {@code actor}'s. A task claimed by
     * someone else is theirs to decide; a rejection needs a reason.
     */
    public void decide(String taskId, boolean approved, String reason, String actor) {
        Task task = openTask(taskId);
        if (!approved && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a rejection needs a reason");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(actor)) {
            throw new ClaimedByOther(taskId, task.getAssignee());
        }
        String agreementId = agreementOf(task);
        String stripped = reason == null || reason.isBlank() ? null : reason.strip();
        Map<String, Object> decision = new HashMap<>();
        decision.put(AgreementVariables.APPROVED, approved);
        decision.put(AgreementVariables.REASON, stripped);
        tasks().complete(taskId, decision);
        audit.record(actor, AuditLog.AGREEMENT, agreementId, approved ? "approved" : "rejected", stripped);
    }

    private Task openTask(String taskId) {
        Task task = task(taskId);
        if (task == null) {
            throw new TaskNotFound(taskId);
        }
        return task;
    }

    private Task task(String taskId) {
        if (taskId == null || taskId.isBlank()) {
            return null;
        }
        return tasks().createTaskQuery().processDefinitionKey(ProcessModels.AGREEMENT_APPROVAL).taskId(taskId).singleResult();
    }

    private String agreementOf(Task task) {
        return (String) bootstrap.engine().getRuntimeService().getVariable(task.getExecutionId(), AgreementVariables.AGREEMENT_ID);
    }

    /** Empty when the task was completed between the query and this look (another approver was quicker). */
    private Optional<ApprovalTask> view(Task task) {
        String agreementId;
        try {
            agreementId = agreementOf(task);
        } catch (NullValueException gone) {
            return Optional.empty();
        }
        Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
        boolean escalated = bootstrap.engine().getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).activityId(ESCALATION_ACTIVITY).count() > 0;
        return Optional.of(new ApprovalTask(task.getId(), agreementId, task.getName(), task.getCreateTime().toInstant(), due,
                task.getAssignee(), due != null && due.isBefore(EngineClock.now()), escalated));
    }

    private TaskService tasks() {
        return bootstrap.engine().getTaskService();
    }

    /** 409: someone else has claimed the task. */
    public static class ClaimedByOther extends RuntimeException {
        public ClaimedByOther(String taskId, String assignee) {
            super("task " + taskId + " is claimed by " + assignee);
        }
    }
}
