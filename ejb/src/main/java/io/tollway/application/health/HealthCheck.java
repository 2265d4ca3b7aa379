package io.tollway.application.health;

import io.tollway.infrastructure.chain.ChainEventReaderService;
import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.chain.ChainNode;
import io.tollway.process.engine.ProcessEngineBootstrap;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Asks each part Tollway needs whether it answers: the database, the process engine (which reads
 * its own tables) and the chain node. No transaction: a health check must not hold one while a
 * node is slow to answer.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthCheck {

    @Resource(lookup = "jdbc/tollway")
    private DataSource dataSource;

    @EJB
    private ProcessEngineBootstrap engine;

    @Inject
    private ChainNode chain;

    @EJB
    private ChainGatewayService gateway;

    @EJB
    private ChainEventReaderService reader;

    public List<ComponentHealth> check() {
        return List.of(database(), processEngine(), chain(), chainGateway(), chainEventReader());
    }

    /** Whether this node runs the event reader, whether it holds the lock, and how far it got. */
    private ComponentHealth chainEventReader() {
        try {
            Optional<String> disabled = reader.disabled();
            if (disabled.isPresent()) {
                return ComponentHealth.disabled("chainEventReader", disabled.get());
            }
            Optional<String> unavailable = reader.unavailable();
            if (unavailable.isPresent()) {
                return ComponentHealth.down("chainEventReader", new IllegalStateException(unavailable.get()));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reading", reader.isReading());
            reader.lastHandledBlock().ifPresent(block -> details.put("lastHandledBlock", block));
            return ComponentHealth.up("chainEventReader", details);
        } catch (Exception e) {
            return ComponentHealth.down("chainEventReader", e);
        }
    }

    private ComponentHealth database() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select version()")) {
            result.next();
            return ComponentHealth.up("database", Map.of("version", result.getString(1)));
        } catch (Exception e) {
            return ComponentHealth.down("database", e);
        }
    }

    private ComponentHealth processEngine() {
        try {
            long definitions = engine.engine().getRepositoryService().createProcessDefinitionQuery().latestVersion().count();
            return ComponentHealth.up("processEngine", Map.of("processDefinitions", definitions));
        } catch (Exception e) {
            return ComponentHealth.down("processEngine", e);
        }
    }

    /** Whether Tollway can send transactions: signers open, workers running, node and database reachable. */
    private ComponentHealth chainGateway() {
        try {
            Optional<String> disabled = gateway.disabled();
            if (disabled.isPresent()) {
                return ComponentHealth.disabled("chainGateway", disabled.get());
            }
            Optional<String> unavailable = gateway.unavailable();
            if (unavailable.isPresent()) {
                return ComponentHealth.down("chainGateway", new IllegalStateException(unavailable.get()));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            gateway.countByState().forEach((state, count) -> details.put(state.name(), count));
            return ComponentHealth.up("chainGateway", details);
        } catch (Exception e) {
            return ComponentHealth.down("chainGateway", e);
        }
    }

    private ComponentHealth chain() {
        try {
            return ComponentHealth.up("chain", Map.of("chainId", chain.chainId(), "headBlock", chain.headBlock()));
        } catch (Exception e) {
            return ComponentHealth.down("chain", e);
        }
    }
}
