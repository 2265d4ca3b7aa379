package io.tollway.infrastructure.persistence.jpa;

import io.tollway.devkit.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The array literal the repository binds as one parameter, read back by a real PostgreSQL: every
 * text arrives as it was, whatever it holds (idempotency keys and ids come from requests).
 */
class ArrayLiteralTest {

    @Test
    void everyTextComesBackAsItWas() throws SQLException {
        List<String> texts = List.of("plain", "with,comma", "with \"quotes\"", "back\\slash", "{braces}", "NULL", " spaced ",
                "", "üñí-ćødé", "end\\");
        List<String> read = new ArrayList<>();
        try (EmbeddedDatabase database = EmbeddedDatabase.start();
             Connection connection = database.connect();
             PreparedStatement unnest = connection.prepareStatement("select unnest(cast(? as varchar[]))")) {
            unnest.setString(1, JpaAgreementRepository.arrayOf(texts));
            try (ResultSet rows = unnest.executeQuery()) {
                while (rows.next()) {
                    read.add(rows.getString(1));
                }
            }
        }
        assertThat(read).containsExactlyElementsOf(texts);
    }
}
