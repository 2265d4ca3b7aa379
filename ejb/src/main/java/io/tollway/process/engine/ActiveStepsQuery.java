package io.tollway.process.engine;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the running process instances of one business key are, as {@code processKey:activityId},
 * in one read of the engine's runtime tables: the innermost executions (those without child
 * executions) that are at an activity. These are the leaves {@link ActiveActivities} finds in the
 * engine's activity-instance tree, including a step whose asynchronous start waits for its job.
 *
 * <p>Why not the engine's API: for every read of an agreement it ran a process-instance query and,
 * per instance, an activity-instance tree, all through MyBatis' dynamic SQL: about a quarter of a
 * {@code GET /agreements/{id}}'s profile in the benchmark.
 */
@ApplicationScoped
public class ActiveStepsQuery {

    private static final String LEAVES = """
            select d.key_, e.act_id_
            from act_ru_execution i
            join act_re_procdef d on d.id_ = i.proc_def_id_
            join act_ru_execution e on e.proc_inst_id_ = i.id_
            where i.business_key_ = ? and i.id_ = i.proc_inst_id_ and e.act_id_ is not null
              and not exists (select 1 from act_ru_execution c where c.parent_id_ = e.id_)
            """;

    @Resource(lookup = "jdbc/tollway")
    private DataSource dataSource;

    public List<String> of(String businessKey) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LEAVES)) {
            statement.setString(1, businessKey);
            List<String> steps = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString(1) + ":" + rows.getString(2));
                }
            }
            steps.sort(null);
            return steps;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the active steps of " + businessKey + ": " + e.getMessage(), e);
        }
    }
}
