package io.tollway.infrastructure.provider;

import io.tollway.domain.model.agreement.ProviderCommandKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderCommandTest {

    @Test
    void theKeyNamesAgreementCommandAndSequenceAndTheCallbackItsAgreement() {
        ProviderCommand command = ProviderCommand.of("a-1", ProviderCommandKind.SUSPEND, 2,
                "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "o-1");

        assertThat(command.idempotencyKey()).isEqualTo("a-1:SUSPEND:2");
        assertThat(command.callbackPath()).isEqualTo("/api/v1/agreements/a-1/provisioning");
    }

    @Test
    void travelsAsJsonAndBack() {
        ProviderCommand command = ProviderCommand.of("a-\"1\"", ProviderCommandKind.PROVISION, 1,
                "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "o-1");

        String json = command.toJson();

        assertThat(json).startsWith("{\"agreementId\":\"a-\\\"1\\\"\",\"command\":\"PROVISION\",");
        assertThat(ProviderCommand.fromJson(json)).isEqualTo(command);
    }

    @Test
    void aBodyThatIsNotACommandIsRefusedSayingWhy() {
        assertThatThrownBy(() -> ProviderCommand.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProviderCommand.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProviderCommand.fromJson(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProviderCommand.fromJson(ProviderCommand.of("a-1", ProviderCommandKind.RESUME, 1, "0x1", "o-1")
                .toJson().replace("RESUME", "REBOOT")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("command must be one of");
        assertThatThrownBy(() -> ProviderCommand.fromJson("{\"command\":\"RESUME\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("agreementId is required");
    }
}
