package io.tollway.infrastructure.concurrency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class GroupCommitTest {

    @Test
    void callsThatArriveWhileAGroupRunsAreTakenTogetherInTheNextAndEachGetsItsOwnOutput() throws Exception {
        CountDownLatch firstGroupMayEnd = new CountDownLatch(1);
        List<List<Integer>> groups = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, String> commit = new GroupCommit<>(1, 100, inputs -> {
            groups.add(inputs);
            if (groups.size() == 1) {
                await(firstGroupMayEnd);
            }
            return inputs.stream().map(i -> "out" + i).toList();
        }, i -> "alone" + i);
        ExecutorService callers = Executors.newFixedThreadPool(11);
        try {
            Future<String> first = callers.submit(() -> commit.call(0));
            waitUntil(() -> groups.size() == 1);
            List<Thread> parked = new CopyOnWriteArrayList<>();
            List<Future<String>> later = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int input = i;
                later.add(callers.submit(() -> {
                    parked.add(Thread.currentThread());
                    return commit.call(input);
                }));
            }
            waitUntil(() -> parked.size() == 10 && parked.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            firstGroupMayEnd.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("out0");
            for (int i = 1; i <= 10; i++) {
                assertThat(later.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("out" + i);
            }
            assertThat(groups).hasSize(2);
            assertThat(groups.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aGroupThatFailsIsTakenAgainOneByOneSoOnlyTheBadInputFails() throws Exception {
        CountDownLatch firstGroupMayEnd = new CountDownLatch(1);
        AtomicInteger groupsTaken = new AtomicInteger();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(1, 100, inputs -> {
            if (groupsTaken.incrementAndGet() == 1) {
                await(firstGroupMayEnd);
            }
            if (inputs.contains(-1)) {
                throw new IllegalStateException("the group's transaction rolled back");
            }
            return inputs.stream().map(i -> i * 2).toList();
        }, i -> {
            if (i < 0) {
                throw new IllegalArgumentException("bad input " + i);
            }
            return i * 3;
        });
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> first = callers.submit(() -> commit.call(1));
            waitUntil(() -> groupsTaken.get() == 1);
            List<Thread> parked = new CopyOnWriteArrayList<>();
            List<Future<Integer>> later = new ArrayList<>();
            for (int input : new int[] {2, -1, 4}) {
                later.add(callers.submit(() -> {
                    parked.add(Thread.currentThread());
                    return commit.call(input);
                }));
            }
            waitUntil(() -> parked.size() == 3 && parked.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            firstGroupMayEnd.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(later.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(6);
            assertThatThrownBy(() -> later.get(1).get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad input -1");
            assertThat(later.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(12);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCallAloneThatFailsThrowsItsFailureAndTheNextCallIsTaken() {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(2, 10, inputs -> {
            if (inputs.contains(0)) {
                throw new ArithmeticException("/ by zero");
            }
            return inputs.stream().map(i -> 100 / i).toList();
        }, i -> 100 / i);

        assertThatThrownBy(() -> commit.call(0)).isInstanceOf(ArithmeticException.class);
        assertThat(commit.call(4)).isEqualTo(25);
    }

    @Test
    void anErrorInAGroupWakesEveryCallerWithAFailure() {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(1, 10, inputs -> {
            throw new StackOverflowError("deep");
        }, i -> i);

        assertThatThrownBy(() -> commit.call(1)).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(StackOverflowError.class);
    }

    @Test
    void manyCallersOverFewLanesEachGetTheirOwnOutputAndEveryInputIsTakenOnce() throws Exception {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger largestGroup = new AtomicInteger();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(2, 5, inputs -> {
            taken.addAndGet(inputs.size());
            largestGroup.accumulateAndGet(inputs.size(), Math::max);
            return inputs.stream().map(i -> -i).toList();
        }, i -> {
            throw new AssertionError("no group fails");
        });
        int threads = 16;
        int perThread = 2_000;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                wrong.add(callers.submit(() -> {
                    int mismatches = 0;
                    for (int i = base; i < base + perThread; i++) {
                        if (commit.call(i) != -i) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> each : wrong) {
                assertThat(each.get(50, TimeUnit.SECONDS)).isZero();
            }
            assertThat(taken.get()).isEqualTo(threads * perThread);
            assertThat(largestGroup.get()).isBetween(1, 5);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void lanesAndGroupSizeMustBePositive() {
        assertThatThrownBy(() -> new GroupCommit<Integer, Integer>(0, 1, List::copyOf, i -> i)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommit<Integer, Integer>(1, 0, List::copyOf, i -> i)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never let the group end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in 20 s");
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
