package io.tollway.process.engine;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a process instance is now, for views. An instance listed by a query may end before it is
 * looked at (a job finishes it at that moment); it then counts as at no activity. Asking the engine
 * for the active activity ids of an instance gone fails instead, and a failed engine call marks
 * the caller's whole transaction for rollback, so a view read during it would fail.
 */
public final class ActiveActivities {

    private ActiveActivities() {
    }

    /** The ids of the activities the instance is at: innermost ones, and those whose asynchronous start waits for its job. */
    public static List<String> of(RuntimeService runtime, String processInstanceId) {
        ActivityInstance root = runtime.getActivityInstance(processInstanceId); // null once ended
        return root == null ? List.of() : inside(root).toList();
    }

    private static Stream<String> inside(ActivityInstance scope) {
        return Stream.concat(Arrays.stream(scope.getChildActivityInstances()).flatMap(ActiveActivities::leaves),
                Arrays.stream(scope.getChildTransitionInstances()).map(TransitionInstance::getActivityId));
    }

    private static Stream<String> leaves(ActivityInstance activity) {
        boolean innermost = activity.getChildActivityInstances().length == 0 && activity.getChildTransitionInstances().length == 0;
        return innermost ? Stream.of(activity.getActivityId()) : inside(activity);
    }
}
