package io.tollway.infrastructure.chain.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** What one class logs while a test runs, down to FINE, as the operator would read it. */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture(Class<?> loggingClass) {
        logger = Logger.getLogger(loggingClass.getName());
        levelBefore = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(this);
    }

    /** The messages logged at {@code level} exactly. */
    List<String> at(Level level) {
        return records.stream().filter(record -> record.getLevel().equals(level))
                .map(LogRecord::getMessage).collect(Collectors.toList());
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
