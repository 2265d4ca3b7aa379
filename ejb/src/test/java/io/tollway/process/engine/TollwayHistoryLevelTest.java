package io.tollway.process.engine;

import io.tollway.devkit.EmbeddedDatabase;
import io.tollway.infrastructure.persistence.migration.SchemaMigration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tollway's history level on a real PostgreSQL and the real engine: a database the engine set up
 * with Camunda's {@code full} level is moved by migration V14 and then starts with Tollway's level,
 * which keeps variables' last values and the job log but writes no row for each variable change.
 */
class TollwayHistoryLevelTest {

    private static EmbeddedDatabase database;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start();
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    private static ProcessEngine engine(boolean tollwayLevel) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("history-level-" + System.nanoTime());
        configuration.setDataSource(database.dataSource());
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        if (tollwayLevel) {
            configuration.setCustomHistoryLevels(List.of(TollwayHistoryLevel.INSTANCE));
            configuration.setHistory(TollwayHistoryLevel.NAME);
        } else {
            configuration.setHistory(ProcessEngineConfigurationImpl.HISTORY_FULL);
        }
        return configuration.buildProcessEngine();
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void aFullHistoryDatabaseIsMovedToTollwaysLevelWhichRecordsNoVariableChanges() throws SQLException {
        // set up by an engine of an earlier Tollway, with Camunda's full history
        engine(false).close();
        assertThat(count("select count(*) from act_ge_property where name_ = 'historyLevel' and value_ = '3'")).isOne();
        // without the migration the engine refuses the database: the reason V14 exists
        assertThatThrownBy(() -> engine(true)).isInstanceOf(ProcessEngineException.class).hasMessageContaining("historyLevel mismatch");

        SchemaMigration.migrate(database.dataSource());
        assertThat(count("select count(*) from act_ge_property where name_ = 'historyLevel' and value_ = '"
                + TollwayHistoryLevel.ID + "'")).isOne();

        ProcessEngine engine = engine(true);
        try {
            engine.getRepositoryService().createDeployment().addModelInstance("changes.bpmn", Bpmn.createExecutableProcess("changes")
                    .camundaHistoryTimeToLive(1)
                    .startEvent().serviceTask("change").camundaAsyncBefore().camundaExpression("${execution.setVariable('bill', 2)}")
                    .userTask("wait").endEvent().done()).deploy();
            String instance = engine.getRuntimeService().startProcessInstanceByKey("changes", Map.of("bill", 1)).getId();
            Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
            engine.getManagementService().executeJob(job.getId());
            engine.getRuntimeService().setVariable(instance, "bill", 3);

            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                    .variableName("bill").singleResult().getValue()).isEqualTo(3);
            assertThat(count("select count(*) from act_hi_detail")).isZero();
            assertThat(count("select count(*) from act_hi_job_log where process_instance_id_ = '" + instance + "'"))
                    .as("the job's creation and success are logged").isEqualTo(2);
            assertThat(count("select count(*) from act_hi_actinst where proc_inst_id_ = '" + instance + "'")).isEqualTo(3);
        } finally {
            engine.close();
        }
    }
}
