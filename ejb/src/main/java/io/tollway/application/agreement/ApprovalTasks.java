package io.tollway.application.agreement;

import io.tollway.application.offering.TaskNotFound;
import io.tollway.process.agreement.AgreementVariables;
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

/** The approvers' task list for agreements: which agreements wait for the provider side's approval, and the decision. */
@Stateless
public class ApprovalTasks {

    public static final String APPROVERS = "approvers";

    @EJB
    private ProcessEngineBootstrap bootstrap;

    /** An open approval: the task, its agreement, and when it is due (overdue ones are escalated). */
    public record ApprovalTask(String id, String agreementId, String name, Instant createdAt, Instant dueAt) {
    }

    public List<ApprovalTask> open(int offset, int limit) {
        return tasks().createTaskQuery().processDefinitionKey(ProcessModels.AGREEMENT_APPROVAL).taskCandidateGroup(APPROVERS)
                .orderByTaskCreateTime().asc().listPage(offset, limit).stream()
                .map(this::view).flatMap(Optional::stream).toList();
    }

    public void decide(String taskId, boolean approved, String reason) {
        Task task = tasks().createTaskQuery().processDefinitionKey(ProcessModels.AGREEMENT_APPROVAL).taskId(taskId).singleResult();
        if (task == null) {
            throw new TaskNotFound(taskId);
        }
        if (!approved && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a rejection needs a reason");
        }
        Map<String, Object> decision = new HashMap<>();
        decision.put(AgreementVariables.APPROVED, approved);
        decision.put(AgreementVariables.REASON, reason == null ? null : reason.strip());
        tasks().complete(taskId, decision);
    }

    /** Empty when the task was completed between the query and this look (another approver was quicker). */
    private Optional<ApprovalTask> view(Task task) {
        String agreementId;
        try {
            agreementId = (String) bootstrap.engine().getRuntimeService().getVariable(task.getExecutionId(), AgreementVariables.AGREEMENT_ID);
        } catch (NullValueException gone) {
            return Optional.empty();
        }
        return Optional.of(new ApprovalTask(task.getId(), agreementId, task.getName(), task.getCreateTime().toInstant(),
                task.getDueDate() == null ? null : task.getDueDate().toInstant()));
    }

    private TaskService tasks() {
        return bootstrap.engine().getTaskService();
    }
}
