package io.tollway.interfaces.console;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One term of an offering or an agreement, as the console lists it: its name in the terms and its value. */
public record TermRow(String name, String value) {

    /** The terms of an agreement, kept as JSON. */
    static List<TermRow> ofJson(String json) {
        List<TermRow> rows = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                JsonValue value = entry.getValue();
                rows.add(new TermRow(entry.getKey(), value instanceof JsonString text ? text.getString() : value.toString()));
            }
        }
        return rows;
    }

    /** The components of a terms record (nested records flattened), by their names in the API. */
    static List<TermRow> ofRecord(Record terms) {
        List<TermRow> rows = new ArrayList<>();
        if (terms != null) {
            flatten(terms, rows);
        }
        return rows;
    }

    private static void flatten(Record terms, List<TermRow> rows) {
        for (RecordComponent component : terms.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(terms);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
            if (value instanceof Record nested) {
                flatten(nested, rows);
            } else {
                rows.add(new TermRow(component.getName(), String.valueOf(value)));
            }
        }
    }
}
