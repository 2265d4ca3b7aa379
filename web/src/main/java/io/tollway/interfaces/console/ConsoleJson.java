package io.tollway.interfaces.console;

import io.tollway.application.console.BalanceChart;
import io.tollway.application.console.ProcessDiagram;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.List;

/** The data the console's scripts draw, as JSON for data- attributes (the CSP allows no inline script). */
final class ConsoleJson {

    private ConsoleJson() {
    }

    static String diagram(ProcessDiagram diagram) {
        JsonArrayBuilder active = Json.createArrayBuilder();
        diagram.activeActivityIds().forEach(active::add);
        return active.build().toString();
    }

    /** Amounts as JSON numbers: a chart needs no more than a double's precision. */
    static String chart(BalanceChart chart) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("model", chart.settlementModel())
                .add("actual", points(chart.actual()))
                .add("projected", points(chart.projected()));
        if (chart.outOfFundsAt() != null) {
            json.add("outOfFundsAt", chart.outOfFundsAt().toEpochMilli());
        } else {
            json.add("outOfFundsAt", JsonValue.NULL);
        }
        return json.build().toString();
    }

    static JsonArrayBuilder points(List<BalanceChart.Point> points) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (BalanceChart.Point p : points) {
            array.add(point(p.at(), p.consumer(), p.provider()));
        }
        return array;
    }

    static JsonObjectBuilder point(Instant at, String consumer, String provider) {
        return Json.createObjectBuilder().add("t", at.toEpochMilli())
                .add("consumer", Json.createValue(new java.math.BigDecimal(consumer)))
                .add("provider", Json.createValue(new java.math.BigDecimal(provider)));
    }
}
