package io.tollway.application.console;

import io.tollway.application.audit.AuditLog;
import io.tollway.process.engine.ProcessEngineBootstrap;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process engine's open incidents of failed jobs, and the console's answer to them: retry one
 * (the job gets one more attempt, due now) or all. Each retry is audited, on the incident and on
 * the agreement or offering its process runs for, in the same transaction as the retry.
 */
@Stateless
public class Incidents {

    static final String FAILED_JOB = Incident.FAILED_JOB_HANDLER_TYPE;
    private static final int MAX_MESSAGE = 500;
    private static final int MAX_SHOWN = 200;

    @EJB
    private ProcessEngineBootstrap bootstrap;

    @EJB
    private AuditLog audit;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    public List<IncidentView> open() {
        ProcessEngine engine = bootstrap.engine();
        Map<String, String> processKeys = new HashMap<>();
        return engine.getRuntimeService().createIncidentQuery().incidentType(FAILED_JOB).orderByIncidentTimestamp().desc()
                .listPage(0, MAX_SHOWN).stream()
                .map(incident -> view(engine, incident, processKeys))
                .toList();
    }

    public long count() {
        return bootstrap.engine().getRuntimeService().createIncidentQuery().incidentType(FAILED_JOB).count();
    }

    /** Gives the incident's job one more attempt; the incident resolves when it runs (or comes back when it fails again). */
    public void retry(String incidentId, String actor) {
        ProcessEngine engine = bootstrap.engine();
        Incident incident = engine.getRuntimeService().createIncidentQuery().incidentId(incidentId).incidentType(FAILED_JOB)
                .singleResult();
        if (incident == null) {
            throw new IncidentGone(incidentId);
        }
        retry(engine, incident, actor);
        wakeJobExecutorAfterCommit();
    }

    /** Retries every open failed-job incident; returns how many. */
    public int retryAll(String actor) {
        ProcessEngine engine = bootstrap.engine();
        List<Incident> incidents = engine.getRuntimeService().createIncidentQuery().incidentType(FAILED_JOB).list();
        incidents.forEach(incident -> retry(engine, incident, actor));
        if (!incidents.isEmpty()) {
            wakeJobExecutorAfterCommit();
        }
        return incidents.size();
    }

    /** Only a committed retry is there for the job executor to find; woken earlier, it would look, find nothing and idle. */
    private void wakeJobExecutorAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    bootstrap.wakeJobExecutor();
                }
            }
        });
    }

    private void retry(ProcessEngine engine, Incident incident, String actor) {
        ManagementService management = engine.getManagementService();
        String jobId = incident.getConfiguration();
        management.setJobRetries(jobId, 1);
        // a failed job waits for its retry cycle's next due date; the person asked for now
        management.setJobDuedate(jobId, null);
        String detail = "job " + jobId + " at " + incident.getActivityId() + ": " + shorten(incident.getIncidentMessage());
        audit.record(actor, AuditLog.INCIDENT, incident.getId(), "retried incident", detail);
        subjectOf(engine, incident).ifPresent(subject ->
                audit.record(actor, subject.type(), subject.id(), "retried incident", detail));
    }

    private IncidentView view(ProcessEngine engine, Incident incident, Map<String, String> processKeys) {
        String process = processKeys.computeIfAbsent(incident.getProcessDefinitionId(), id -> {
            ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionId(id)
                    .singleResult();
            return definition == null ? id : definition.getKey();
        });
        Subject subject = subjectOf(engine, incident).orElse(new Subject(null, null));
        return new IncidentView(incident.getId(), incident.getIncidentTimestamp().toInstant(), process, incident.getActivityId(),
                subject.type(), subject.id(), incident.getConfiguration(), shorten(incident.getIncidentMessage()));
    }

    /** What a process runs for, as the audit log names it. */
    private record Subject(String type, String id) {
    }

    /** The agreement or offering the incident's process runs for: its business key, by the process's kind. */
    private static Optional<Subject> subjectOf(ProcessEngine engine, Incident incident) {
        if (incident.getProcessInstanceId() == null) {
            return Optional.empty();
        }
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(incident.getProcessInstanceId()).singleResult();
        if (instance == null || instance.getBusinessKey() == null) {
            return Optional.empty();
        }
        String definition = incident.getProcessDefinitionId() == null ? "" : incident.getProcessDefinitionId();
        String type = definition.startsWith("offeringReview") ? AuditLog.OFFERING
                : definition.startsWith("agreement") || definition.startsWith("billingCycle") || definition.startsWith("chainTransaction")
                ? AuditLog.AGREEMENT : null;
        return type == null ? Optional.empty() : Optional.of(new Subject(type, instance.getBusinessKey()));
    }

    /** The first line of the message, shortened: what went wrong, without a stack trace or a wall of text. */
    static String shorten(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String first = message.strip().lines().findFirst().orElse("");
        return first.length() <= MAX_MESSAGE ? first : first.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /** 404: the incident is resolved or never was. */
    public static class IncidentGone extends RuntimeException {
        public IncidentGone(String incidentId) {
            super("no open incident " + incidentId);
        }
    }
}
