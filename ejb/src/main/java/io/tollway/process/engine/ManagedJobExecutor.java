package io.tollway.process.engine;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The engine's job executor on the container's threads: acquisition on a thread of the managed
 * thread factory, jobs on the managed executor. Container threads carry the application's naming
 * context, so the jobs' transactions begin through {@code java:comp/UserTransaction} and every
 * resource joins them. In a cluster each node runs one; the shared database hands each job to
 * exactly one of them.
 *
 * <p>At most {@code concurrency} batches of jobs run at once. The container's default executor has
 * no such bound: a thousand agreements' jobs due together took a thread each and more database
 * connections than the pool has, and the jobs that found none failed. A full executor makes the
 * acquisition thread wait a moment for a free slot, then hands the batch back to the engine, which
 * tries it again in its next round (the jobs stay locked to this node meanwhile).
 */
final class ManagedJobExecutor extends JobExecutor {

    private final ManagedExecutorService executor;
    private final ManagedThreadFactory threadFactory;
    private final Semaphore slots;

    ManagedJobExecutor(ManagedExecutorService executor, ManagedThreadFactory threadFactory, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("the job executor needs at least one slot, was " + concurrency);
        }
        this.executor = executor;
        this.threadFactory = threadFactory;
        this.slots = new Semaphore(concurrency);
        this.name = "tollway-job-executor";
        setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
    }

    @Override
    protected void startExecutingJobs() {
        startJobAcquisitionThread();
    }

    @Override
    protected void stopExecutingJobs() {
        stopJobAcquisitionThread();
    }

    @Override
    protected void startJobAcquisitionThread() {
        if (jobAcquisitionThread == null) {
            jobAcquisitionThread = threadFactory.newThread(acquireJobsRunnable);
            jobAcquisitionThread.setName(name);
            jobAcquisitionThread.start();
        }
    }

    @Override
    public void executeJobs(List<String> jobIds, ProcessEngineImpl processEngine) {
        if (!freeSlot()) {
            rejectedJobsHandler.jobsRejected(jobIds, processEngine, this);
            return;
        }
        Runnable jobs = getExecuteJobsRunnable(jobIds, processEngine);
        try {
            executor.execute(() -> {
                try {
                    jobs.run();
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            logRejectedExecution(processEngine, jobIds.size());
            rejectedJobsHandler.jobsRejected(jobIds, processEngine, this);
        }
    }

    private boolean freeSlot() {
        try {
            return slots.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
