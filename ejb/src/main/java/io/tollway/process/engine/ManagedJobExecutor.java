package io.tollway.process.engine;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The engine's job executor on the container's threads: acquisition on a thread of the managed
 * thread factory, jobs on the managed executor. Container threads carry the application's naming
 * context, so the jobs' transactions begin through {@code java:comp/UserTransaction} and every
 * resource joins them. In a cluster each node runs one; the shared database hands each job to
 * exactly one of them.
 */
final class ManagedJobExecutor extends JobExecutor {

    private final ManagedExecutorService executor;
    private final ManagedThreadFactory threadFactory;

    ManagedJobExecutor(ManagedExecutorService executor, ManagedThreadFactory threadFactory) {
        this.executor = executor;
        this.threadFactory = threadFactory;
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
        try {
            executor.execute(getExecuteJobsRunnable(jobIds, processEngine));
        } catch (RejectedExecutionException e) {
            logRejectedExecution(processEngine, jobIds.size());
            rejectedJobsHandler.jobsRejected(jobIds, processEngine, this);
        }
    }
}
