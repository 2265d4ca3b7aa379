package io.tollway.process.agreement;

import io.tollway.devkit.EmbeddedDatabase;
import io.tollway.process.engine.TollwayHistoryLevel;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AgreementVariables#update} on the real engine and PostgreSQL: a value set again is not
 * written again (the variable's and its history's revision stay), a changed or new one is.
 */
class AgreementVariablesTest {

    private static EmbeddedDatabase database;
    private static ProcessEngine engine;

    /** Sets {@code flag} to the value of {@code next} through {@link AgreementVariables#update}, twice. */
    public static final class SetsTheFlag implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            AgreementVariables.update(execution, "flag", execution.getVariable("next"));
            AgreementVariables.update(execution, "flag", execution.getVariable("next"));
        }
    }

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start();
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("agreement-variables");
        configuration.setDataSource(database.dataSource());
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setCustomHistoryLevels(List.of(TollwayHistoryLevel.INSTANCE));
        configuration.setHistory(TollwayHistoryLevel.NAME);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        engine = configuration.buildProcessEngine();
        // the first user task holds the start's transaction apart from the delegate's
        engine.getRepositoryService().createDeployment().addModelInstance("flags.bpmn", Bpmn.createExecutableProcess("flags")
                .camundaHistoryTimeToLive(1)
                .startEvent().userTask("before").serviceTask("set").camundaClass(SetsTheFlag.class.getName())
                .userTask("after").endEvent().done()).deploy();
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theSameValueAgainIsNotWritten() throws SQLException {
        String instance = runToAfter(Map.of("flag", false, "next", false));

        // as the start wrote them: the history's row starts at revision 0
        assertThat(revisions(instance)).containsExactly(1, 0);
        assertThat(engine.getRuntimeService().getVariable(instance, "flag")).isEqualTo(false);
    }

    @Test
    void aChangedValueIsWrittenOnce() throws SQLException {
        String instance = runToAfter(Map.of("flag", false, "next", true));

        assertThat(revisions(instance)).containsExactly(2, 1);
        assertThat(engine.getRuntimeService().getVariable(instance, "flag")).isEqualTo(true);
    }

    @Test
    void anAbsentVariableIsCreatedEvenAsNull() throws SQLException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("next", null);
        String instance = runToAfter(variables);

        assertThat(revisions(instance)).containsExactly(1, 0);
        assertThat(engine.getRuntimeService().getVariables(instance)).containsEntry("flag", null);
    }

    private static String runToAfter(Map<String, Object> variables) {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("flags", variables).getId();
        engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId());
        assertThat(engine.getRuntimeService().getActiveActivityIds(instance)).containsExactly("after");
        return instance;
    }

    /** The revision of {@code flag}'s variable row, then of its history row. */
    private static List<Integer> revisions(String instance) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("select (select rev_ from act_ru_variable where proc_inst_id_ = ? and name_ = 'flag'),"
                     + " (select rev_ from act_hi_varinst where proc_inst_id_ = ? and name_ = 'flag')")) {
            query.setString(1, instance);
            query.setString(2, instance);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return List.of(row.getInt(1), row.getInt(2));
            }
        }
    }
}
