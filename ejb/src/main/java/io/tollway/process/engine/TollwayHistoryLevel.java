package io.tollway.process.engine;

import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * Camunda's full history without the record of every change of every process variable
 * ({@code ACT_HI_DETAIL}). Each variable's last value stays ({@code ACT_HI_VARINST}), as do the
 * activities, the incidents, the user operations and the job log that the transaction tests
 * read. Tollway never asks for the details; they were a fifth of the rows a billing round writes
 * (one for each variable set), and money's own record is the bill and ledger tables.
 *
 * <p>Camunda keeps the level's id in the database and refuses to start on another one; migration
 * {@code V14} moves a database created with {@code full} to this one.
 */
public final class TollwayHistoryLevel implements HistoryLevel {

    public static final TollwayHistoryLevel INSTANCE = new TollwayHistoryLevel();
    /** Past Camunda's own levels (0 to 3); the migration writes the same number. */
    public static final int ID = 30;
    public static final String NAME = "tollway";

    private TollwayHistoryLevel() {
    }

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        return eventType != HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
                && HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
    }
}
