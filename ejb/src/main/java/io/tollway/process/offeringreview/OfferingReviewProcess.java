package io.tollway.process.offeringreview;

import io.tollway.process.engine.ActiveActivities;
import io.tollway.process.engine.ProcessEngineBootstrap;
import io.tollway.processes.ProcessModels;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The application's handle on {@code offeringReview} instances: start one, see where it is, decide its task. */
@ApplicationScoped
public class OfferingReviewProcess {

    public static final String APPROVERS = "approvers";

    @EJB
    private ProcessEngineBootstrap bootstrap;

    public void start(String offeringId, Duration reviewTimeout) {
        runtime().startProcessInstanceByKey(ProcessModels.OFFERING_REVIEW, offeringId,
                OfferingReviewVariables.atStart(reviewTimeout));
    }

    /** Ids of the activities the offering's review is at now; empty when it has ended (also just now) or never ran. */
    public List<String> activeSteps(String offeringId) {
        return instance(offeringId).map(instance -> ActiveActivities.of(runtime(), instance.getId())).orElse(List.of());
    }

    /** Open review tasks of the approvers, oldest first. */
    public List<ReviewTask> openTasks(int offset, int limit) {
        List<Task> open = tasks().createTaskQuery()
                .processDefinitionKey(ProcessModels.OFFERING_REVIEW)
                .taskCandidateGroup(APPROVERS)
                .initializeFormKeys()
                .orderByTaskCreateTime().asc()
                .listPage(offset, limit);
        return open.stream().map(this::reviewTask).toList();
    }

    public Optional<ReviewTask> openTask(String taskId) {
        return Optional.ofNullable(tasks().createTaskQuery()
                .processDefinitionKey(ProcessModels.OFFERING_REVIEW)
                .taskId(taskId)
                .singleResult()).map(this::reviewTask);
    }

    private ReviewTask reviewTask(Task task) {
        String offeringId = runtime().createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId())
                .singleResult()
                .getBusinessKey();
        return new ReviewTask(task.getId(), offeringId, task.getName(), task.getCreateTime().toInstant());
    }

    public void decide(String taskId, boolean approved, String reason) {
        tasks().complete(taskId, OfferingReviewVariables.decision(approved, reason));
    }

    private Optional<ProcessInstance> instance(String offeringId) {
        return Optional.ofNullable(runtime().createProcessInstanceQuery()
                .processDefinitionKey(ProcessModels.OFFERING_REVIEW)
                .processInstanceBusinessKey(offeringId)
                .singleResult());
    }

    private RuntimeService runtime() {
        return bootstrap.engine().getRuntimeService();
    }

    private TaskService tasks() {
        return bootstrap.engine().getTaskService();
    }
}
