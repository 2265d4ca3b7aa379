package io.tollway.infrastructure.provider;

import io.tollway.infrastructure.config.TollwayConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

    @Test
    void theDefaultBacksOffFromSecondsToHalfAnHour() {
        assertThat(RetrySchedule.DEFAULT.camundaCycle()).isEqualTo("PT5S,PT30S,PT2M,PT10M,PT30M");
        assertThat(RetrySchedule.DEFAULT.attempts()).isEqualTo(6);
    }

    @Test
    void parsesACommaListWithSpacesAndWritesItBackInCamundasForm() {
        RetrySchedule schedule = RetrySchedule.parse("PT1S, PT90S ,PT1H");

        assertThat(schedule.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(90), Duration.ofHours(1));
        assertThat(schedule.camundaCycle()).isEqualTo("PT1S,PT1M30S,PT1H");
    }

    @Test
    void refusesWhatCamundaCouldNotUse() {
        assertThatThrownBy(() -> RetrySchedule.parse("R5/PT10S")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.parse("PT0.5S")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSettingOverridesTheDefault() {
        TollwayConfig config = new TollwayConfig();
        System.setProperty(RetrySchedule.SETTING, "PT2S,PT4S");
        try {
            assertThat(RetrySchedule.configured(config).camundaCycle()).isEqualTo("PT2S,PT4S");
        } finally {
            System.clearProperty(RetrySchedule.SETTING);
        }
        assertThat(RetrySchedule.configured(config)).isEqualTo(RetrySchedule.DEFAULT);
    }
}
