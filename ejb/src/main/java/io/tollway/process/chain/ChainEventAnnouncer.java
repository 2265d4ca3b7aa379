package io.tollway.process.chain;

import io.tollway.application.channel.ChannelAgreements;
import io.tollway.domain.model.chain.ChainEvent;
import io.tollway.domain.model.chain.ChannelCloseRequested;
import io.tollway.domain.model.chain.ChannelClosed;
import io.tollway.domain.model.chain.ChannelCreated;
import io.tollway.domain.model.chain.ChannelSettled;
import io.tollway.domain.model.chain.ChannelToppedUp;
import jakarta.ejb.EJB;
import io.tollway.domain.model.chain.ChainEventHandler;
import io.tollway.infrastructure.faults.FaultInjector;
import io.tollway.process.engine.ProcessEngineBootstrap;
import io.tollway.processes.ProcessModels;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Hands each chain event to the process instances that wait for it: the message
 * {@code chainEvent.<Event>} (e.g. {@code chainEvent.DepositMade}) goes to the instances whose
 * variable {@value #ON_CHAIN_ID} is the event's subject (the agreement's id on chain, or the
 * channel's key), with the event's fields as variables. Runs in the reader's JTA transaction,
 * which the engine joins, so an event moves a process exactly once. An event whose message no
 * model declares (a bill paid, out of funds) is recorded by the reader and not offered to the
 * engine.
 */
@ApplicationScoped
public class ChainEventAnnouncer implements ChainEventHandler {

    /** The process variable holding what the chain calls the agreement: its escrow id or channel key. */
    public static final String ON_CHAIN_ID = "onChainId";
    /** Fault point after an event moved its processes, by event ({@code chainEvent.handled.DepositMade:<subject>}). */
    public static final String HANDLED_FAULT_POINT_PREFIX = "chainEvent.handled.";
    private static final Logger LOG = Logger.getLogger(ChainEventAnnouncer.class.getName());

    @Inject
    ProcessEngineBootstrap engine;

    @EJB
    ChannelAgreements channels;

    @Inject
    FaultInjector faults;

    /** The messages Tollway's models declare: an event whose message none of them waits for moves no process. */
    private Set<String> declaredMessages;

    @PostConstruct
    void readModels() {
        declaredMessages = ProcessModels.RESOURCES.stream()
                .flatMap(resource -> model(resource).getModelElementsByType(Message.class).stream())
                .map(Message::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static BpmnModelInstance model(String resource) {
        try (InputStream in = ProcessModels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no process model " + resource + " on the class path");
            }
            return Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the process model " + resource, e);
        }
    }

    public static String messageOf(Class<? extends ChainEvent> event) {
        return "chainEvent." + event.getSimpleName();
    }

    @Override
    public void handle(ChainEvent event) {
        // a channel's events change its agreement first; the processes then see the change
        if (event instanceof ChannelCreated created) {
            channels.opened(created);
        } else if (event instanceof ChannelToppedUp toppedUp) {
            channels.toppedUp(toppedUp);
        } else if (event instanceof ChannelCloseRequested requested) {
            channels.closeRequested(requested);
        } else if (event instanceof ChannelClosed closed) {
            channels.closed(closed.channelKey(), closed.balance());
        } else if (event instanceof ChannelSettled settled) {
            channels.closed(settled.channelKey(), settled.balance());
        }
        // most events are bills paid, which no process waits for: asking the engine costs two queries each
        if (mayMoveAProcess(event.getClass())) {
            List<MessageCorrelationResult> moved = engine.engine().getRuntimeService()
                    .createMessageCorrelation(messageOf(event.getClass()))
                    .processInstanceVariableEquals(ON_CHAIN_ID, event.subject())
                    .setVariables(variablesOf(event))
                    .correlateAllWithResult();
            LOG.fine(() -> event + " moved " + moved.size() + " process instance(s)");
        }
        // a test's failure after the processes moved: the reader's whole transaction must roll back
        faults.check(HANDLED_FAULT_POINT_PREFIX + event.getClass().getSimpleName(), event.subject());
    }

    /** Whether one of Tollway's models declares the event's message. */
    boolean mayMoveAProcess(Class<? extends ChainEvent> event) {
        return declaredMessages.contains(messageOf(event));
    }

    @Override
    public void orphaned(ChainEvent event) {
        // a process that moved on cannot un-move; the agreement processes re-check the chain's state
        // before every step that moves money, and the event comes again if the new chain has it
        LOG.warning(() -> "a reorganisation removed " + event + " after it was handled");
    }

    private static Map<String, Object> variablesOf(ChainEvent event) {
        Map<String, Object> variables = new HashMap<>();
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(event);
                variables.put("event" + Character.toUpperCase(component.getName().charAt(0)) + component.getName().substring(1),
                        value instanceof BigInteger || !(value instanceof Number || value instanceof Boolean) ? String.valueOf(value) : value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + event, e);
            }
        }
        return variables;
    }
}
