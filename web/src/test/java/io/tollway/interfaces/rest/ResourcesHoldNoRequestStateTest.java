package io.tollway.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's resources serve every request from one instance: a {@code @Context} field would hold
 * one request's caller for all of them (or need a proxy the container may not give).
 */
class ResourcesHoldNoRequestStateTest {

    @Test
    void everyResourceIsApplicationScopedAndTakesTheRequestsContextAsParameters() {
        for (Class<?> type : new TollwayApi().getClasses()) {
            if (!type.isAnnotationPresent(Path.class)) {
                continue;
            }
            assertThat(type.isAnnotationPresent(ApplicationScoped.class)).as(type.getSimpleName() + " is application-scoped").isTrue();
            assertThat(Arrays.stream(type.getDeclaredFields()).filter(f -> f.isAnnotationPresent(Context.class)).map(Field::getName))
                    .as(type.getSimpleName() + "'s @Context fields").isEmpty();
        }
    }
}
