package io.tollway.application.console;

import io.tollway.process.engine.ActiveActivities;
import io.tollway.process.engine.ProcessEngineBootstrap;
import io.tollway.processes.ProcessModels;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes an agreement runs now, with their diagrams and active steps. Every process of an
 * agreement, the called ones too (approval, chain transactions), carries the agreement's id as its
 * business key, so one query finds them all. Instances of one definition are drawn once, with all
 * their active steps.
 */
@Stateless
public class AgreementDiagrams {

    /** The order a reader follows an agreement's life in. */
    private static final List<String> LIFE_ORDER = List.of(ProcessModels.AGREEMENT_SETUP, ProcessModels.AGREEMENT_APPROVAL,
            ProcessModels.BILLING_CYCLE, ProcessModels.AGREEMENT_SUSPENSION, ProcessModels.AGREEMENT_TERMINATION,
            ProcessModels.CHAIN_TRANSACTION);

    /** A deployed definition never changes: its XML is read once. */
    private static final Map<String, String> XML_BY_DEFINITION = new ConcurrentHashMap<>();

    @EJB
    private ProcessEngineBootstrap bootstrap;

    public List<ProcessDiagram> running(String agreementId) {
        RuntimeService runtime = bootstrap.engine().getRuntimeService();
        RepositoryService repository = bootstrap.engine().getRepositoryService();
        Map<String, Set<String>> activeByDefinition = new LinkedHashMap<>();
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(agreementId).list()) {
            activeByDefinition.computeIfAbsent(instance.getProcessDefinitionId(), d -> new LinkedHashSet<>())
                    .addAll(ActiveActivities.of(runtime, instance.getId()));
        }
        List<ProcessDiagram> diagrams = new ArrayList<>();
        activeByDefinition.forEach((definitionId, active) -> {
            ProcessDefinition definition = repository.getProcessDefinition(definitionId);
            diagrams.add(new ProcessDiagram(definition.getKey(), definition.getName(), definitionId,
                    XML_BY_DEFINITION.computeIfAbsent(definitionId, id -> xml(repository, id)), List.copyOf(active)));
        });
        diagrams.sort(Comparator.comparingInt(d -> order(d.processKey())));
        return diagrams;
    }

    private static int order(String key) {
        int index = LIFE_ORDER.indexOf(key);
        return index < 0 ? LIFE_ORDER.size() : index;
    }

    private static String xml(RepositoryService repository, String definitionId) {
        try (InputStream model = repository.getProcessModel(definitionId)) {
            return new String(model.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
