package io.tollway.infrastructure.chain.events;

import io.tollway.domain.model.chain.ChainEvent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A domain event's own fields as a JSON object, for the {@code payload} column: what an operator
 * or a query reads ({@code payload->>'amount'}). Amounts are JSON numbers, which {@code jsonb}
 * keeps exact at any size. The position has columns of its own and is left out.
 */
final class EventPayload {

    private EventPayload() {
    }

    static String json(ChainEvent event) {
        StringBuilder json = new StringBuilder("{");
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (component.getName().equals("position")) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, component.getName()).append(':');
            Object value = valueOf(component, event);
            if (value instanceof BigInteger || value instanceof Long || value instanceof Integer) {
                json.append(value);
            } else if (value instanceof Instant || value instanceof String) {
                quote(json, value.toString());
            } else {
                throw new IllegalArgumentException("no JSON form for " + component + " of " + event.getClass().getSimpleName());
            }
        }
        return json.append('}').toString();
    }

    private static Object valueOf(RecordComponent component, ChainEvent event) {
        try {
            return component.getAccessor().invoke(event);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + event, e);
        }
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
}
