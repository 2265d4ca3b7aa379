package io.tollway.application.console;

import java.util.List;

/**
 * One process of an agreement as the console draws it: the model's BPMN XML (the deployed
 * version the instance runs on) and the activities it is at now, to highlight.
 */
public record ProcessDiagram(String processKey, String processName, String definitionId, String bpmnXml,
                             List<String> activeActivityIds) {
}
