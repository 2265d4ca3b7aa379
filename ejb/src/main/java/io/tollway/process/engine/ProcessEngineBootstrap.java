package io.tollway.process.engine;

import io.tollway.infrastructure.config.TollwayConfig;
import io.tollway.processes.ProcessModels;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.JakartaTransactionProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.util.List;
import java.util.logging.Logger;

/**
 * Builds the embedded Camunda engine when the application starts and closes it when it stops.
 *
 * <p>The engine shares everything with the rest of the application: the JTA datasource
 * EclipseLink uses, the container's transactions (engine state and business rows commit or roll
 * back together), the container's threads for its job executor, and CDI for the beans its
 * expressions name. This is one of the few classes that know Camunda's configuration API, so a
 * move to another engine (Operaton) stays small. Bean-managed transactions, because jobs started
 * from this component's context begin their own through {@code UserTransaction}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ProcessEngineBootstrap {

    private static final Logger LOG = Logger.getLogger(ProcessEngineBootstrap.class.getName());
    private static final String CONTAINER_TRANSACTION_MANAGER = "java:appserver/TransactionManager";

    @Resource(lookup = "jdbc/tollway")
    private DataSource dataSource;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ManagedThreadFactory threadFactory;

    @Inject
    private TollwayConfig config;

    @Inject
    private BeanManager beanManager;

    private volatile ProcessEngine processEngine;

    @PostConstruct
    void start() {
        long started = System.nanoTime();
        JakartaTransactionProcessEngineConfiguration configuration = new JakartaTransactionProcessEngineConfiguration();
        configuration.setProcessEngineName("tollway");
        configuration.setDataSource(dataSource);
        configuration.setTransactionManager(new ContainerTransactionManager(containerTransactionManager()));
        configuration.setTransactionsExternallyManaged(true);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfigurationImpl.DB_SCHEMA_UPDATE_TRUE);
        configuration.setCustomHistoryLevels(List.of(TollwayHistoryLevel.INSTANCE));
        configuration.setHistory(TollwayHistoryLevel.NAME);
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setExpressionManager(new BeanExpressionManager(beanManager));
        configuration.setDelegateInterceptor(new RootCauseDelegateInterceptor());
        configuration.setJobExecutor(new ManagedJobExecutor(executor, threadFactory, config.jobConcurrency()));
        configuration.setJobExecutorActivate(true);
        configuration.setMetricsEnabled(false);
        processEngine = configuration.buildProcessEngine();
        deployModels();
        LOG.info(() -> "Process engine started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private static TransactionManager containerTransactionManager() {
        try {
            return (TransactionManager) new InitialContext().lookup(CONTAINER_TRANSACTION_MANAGER);
        } catch (NamingException e) {
            throw new IllegalStateException("no container transaction manager at " + CONTAINER_TRANSACTION_MANAGER, e);
        }
    }

    /** Deploys the models; an unchanged model is not deployed again (duplicate filtering). */
    private void deployModels() {
        DeploymentBuilder deployment = processEngine.getRepositoryService().createDeployment()
                .name("tollway")
                .source("tollway-processes")
                .enableDuplicateFiltering(true);
        ProcessModels.RESOURCES.forEach(resource -> deployment.addClasspathResource(resource));
        deployment.deploy();
    }

    @PreDestroy
    void stop() {
        if (processEngine != null) {
            processEngine.close();
        }
    }

    public ProcessEngine engine() {
        ProcessEngine engine = processEngine;
        if (engine == null) {
            throw new IllegalStateException("the process engine is not running");
        }
        return engine;
    }


    /** Makes the job executor look for due jobs now instead of after its idle wait. */
    public void wakeJobExecutor() {
        JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine().getProcessEngineConfiguration()).getJobExecutor();
        jobExecutor.jobWasAdded();
    }
}
