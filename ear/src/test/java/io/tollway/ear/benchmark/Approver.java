package io.tollway.ear.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollway.ear.support.Api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The provider's approver working through the task list as a person would: every second it reads
 * the open approval tasks, oldest first, and approves those of the run's agreements. Looking up
 * each agreement's task one by one would read the whole list a thousand times.
 */
final class Approver implements AutoCloseable {

    private static final int PAGE = 200;

    private final Api approver;
    /** Its own threads: behind the consumers' queued steps, the approver's decisions would wait for minutes. */
    private final ExecutorService deciders = Executors.newFixedThreadPool(4, r -> new Thread(r, "approver-decision"));
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "approver"));
    private final Set<String> expected = ConcurrentHashMap.newKeySet();
    private final Set<String> decidedTasks = ConcurrentHashMap.newKeySet();

    Approver(Api approver) {
        this.approver = approver;
        rounds.scheduleWithFixedDelay(this::round, 0, 1, TimeUnit.SECONDS);
    }

    /** The approver approves this agreement's task when it shows up in the list. */
    void expect(String agreementId) {
        expected.add(agreementId);
    }

    private void round() {
        try {
            List<CompletableFuture<Void>> decisions = new ArrayList<>();
            for (JsonNode task : approver.get("/api/v1/approval-tasks?limit=" + PAGE).json()) {
                String taskId = task.get("id").asText();
                if (expected.contains(task.get("agreementId").asText()) && decidedTasks.add(taskId)) {
                    decisions.add(CompletableFuture.runAsync(() -> approve(taskId), deciders));
                }
            }
            // the next round starts after these: a task in the list until its decision commits is not approved twice
            CompletableFuture.allOf(decisions.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            // the next round tries again; an agreement whose task is never approved fails its own deadline
            System.err.println("approver: " + e);
        }
    }

    private void approve(String taskId) {
        Api.Reply reply = approver.post("/api/v1/approval-tasks/" + taskId + "/decision", "{\"approved\":true}");
        if (reply.status() != 204) {
            decidedTasks.remove(taskId); // the next round tries again
            System.err.println("approver: task " + taskId + " answered " + reply.status() + " " + reply.body());
        }
    }

    @Override
    public void close() {
        rounds.shutdownNow();
        deciders.shutdownNow();
    }
}
