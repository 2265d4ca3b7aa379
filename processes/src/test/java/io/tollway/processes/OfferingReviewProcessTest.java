package io.tollway.processes;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

@Deployment(resources = "processes/offering-review.bpmn")
class OfferingReviewProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    private final List<String> calls = new ArrayList<>();

    @BeforeEach
    void registerDelegates() {
        for (String name : List.of("openReviewDelegate", "publishOfferingDelegate", "rejectOfferingDelegate", "expireOfferingDelegate")) {
            Mocks.register(name, (JavaDelegate) execution -> calls.add(name + ":" + execution.getProcessBusinessKey()));
        }
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    private ProcessInstance start() {
        ProcessEngine processEngine = engine.getProcessEngine();
        return processEngine.getRuntimeService().startProcessInstanceByKey(ProcessModels.OFFERING_REVIEW, "offering-1",
                Map.of("reviewTimeout", "P7D"));
    }

    @Test
    void approvedOfferingIsPublishedAsynchronously() {
        ProcessInstance instance = start();
        assertThat(instance).isWaitingAt("reviewOffering").task().hasCandidateGroup("approvers");

        complete(task(instance), withVariables("approved", true));

        assertThat(instance).isWaitingAt("publishOffering");
        execute(job(instance));
        assertThat(instance).hasPassedInOrder("openReview", "reviewOffering", "publishOffering").isEnded();
        assertThat(calls).containsExactly("openReviewDelegate:offering-1", "publishOfferingDelegate:offering-1");
    }

    @Test
    void rejectedOfferingEndsRejected() {
        ProcessInstance instance = start();

        complete(task(instance), withVariables("approved", false));

        assertThat(instance).hasPassed("rejectOffering").hasNotPassed("publishOffering").isEnded();
        assertThat(calls).containsExactly("openReviewDelegate:offering-1", "rejectOfferingDelegate:offering-1");
    }

    @Test
    void reviewLeftOpenPastItsDeadlineExpiresTheOffering() {
        Date submitted = Date.from(Instant.parse("2026-01-05T10:00:00Z"));
        ClockUtil.setCurrentTime(submitted);
        ProcessInstance instance = start();
        assertThat(job(instance)).hasDueDate(Date.from(submitted.toInstant().plus(Duration.ofDays(7))));

        execute(job(instance));

        assertThat(instance).hasPassed("reviewDeadline", "expireOffering").hasNotPassed("approvedDecision").isEnded();
        assertThat(calls).containsExactly("openReviewDelegate:offering-1", "expireOfferingDelegate:offering-1");
    }
}
