package io.tollway.application.offering;


/** No open task has the given id. */
public class TaskNotFound extends RuntimeException {

    public TaskNotFound(String taskId) {
        super("no open task " + taskId);
    }
}
