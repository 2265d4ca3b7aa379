package io.tollway.interfaces.demo;

import io.tollway.application.agreement.ProvisioningReports;
import io.tollway.domain.model.agreement.ProviderCommandKind;
import io.tollway.infrastructure.config.TollwayConfig;
import io.tollway.infrastructure.faults.FaultInjector;
import io.tollway.infrastructure.provider.ProviderCommand;
import io.tollway.infrastructure.provider.WebhookSignature;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The demo provider without a container: its executor runs each task at once, its reports are recorded. */
class DemoServiceControllerTest {

    private static final String SECRET = "whsec_demo_test";

    record Report(String agreementId, String providerId, ProviderCommandKind command, boolean succeeded,
                  String credentials, String message) {
    }

    private final List<Report> reported = new CopyOnWriteArrayList<>();
    private final AtomicInteger failingReports = new AtomicInteger();
    private final DemoServiceController controller = new DemoServiceController();

    @BeforeEach
    void wire() throws ReflectiveOperationException {
        System.setProperty(DemoServiceController.SECRET_SETTING, SECRET);
        System.setProperty("tollway.test-support", "true");
        controller.config = new TollwayConfig();
        controller.faults = new FaultInjector();
        var faultConfig = FaultInjector.class.getDeclaredField("config");
        faultConfig.setAccessible(true);
        faultConfig.set(controller.faults, controller.config);
        controller.reports = (ProvisioningReports) (agreementId, providerId, command, succeeded, credentials, message) -> {
            if (failingReports.getAndDecrement() > 0) {
                throw new IllegalStateException("agreement not waiting for a report yet");
            }
            reported.add(new Report(agreementId, providerId, command, succeeded, credentials, message));
        };
        controller.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        ((Runnable) args[0]).run();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        controller.firstReportRetry = Duration.ofMillis(1);
    }

    @AfterEach
    void unset() {
        System.clearProperty(DemoServiceController.SECRET_SETTING);
        System.clearProperty("tollway.test-support");
        System.clearProperty(DemoServiceController.ID_SETTING);
    }

    private static String command(ProviderCommandKind kind, String agreementId) {
        return ProviderCommand.of(agreementId, kind, 1, "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "o-1").toJson();
    }

    private DemoServiceController.Answer deliver(String body, String secret, long sentAt) {
        return controller.receive(Long.toString(sentAt), WebhookSignature.sign(secret, sentAt, body), body);
    }

    private DemoServiceController.Answer deliver(String body) {
        return deliver(body, SECRET, Instant.now().getEpochSecond());
    }

    @Test
    void aSignedProvisionIsAcceptedAndAnsweredWithFreshCredentials() {
        assertThat(deliver(command(ProviderCommandKind.PROVISION, "7f3c9a12-0b4e-4c55-9d1e-2a6b8c0d4e5f")))
                .isEqualTo(DemoServiceController.Answer.ACCEPTED);

        assertThat(reported).singleElement().satisfies(report -> {
            assertThat(report.agreementId()).isEqualTo("7f3c9a12-0b4e-4c55-9d1e-2a6b8c0d4e5f");
            assertThat(report.providerId()).isEqualTo("demo-provider");
            assertThat(report.command()).isEqualTo(ProviderCommandKind.PROVISION);
            assertThat(report.succeeded()).isTrue();
            JsonObject credentials = Json.createReader(new StringReader(report.credentials())).readObject();
            assertThat(credentials.getString("username")).isEqualTo("demo-7f3c9a12");
            assertThat(credentials.getString("password")).matches("[A-Za-z0-9_-]{24}");
            assertThat(credentials.getString("endpoint")).isEqualTo("vpn.demo.tollway.local:1194");
        });
    }

    @Test
    void otherCommandsAreReportedWithoutCredentialsUnderTheConfiguredProviderId() {
        System.setProperty(DemoServiceController.ID_SETTING, "p-42");

        deliver(command(ProviderCommandKind.SUSPEND, "a-1"));

        assertThat(reported).singleElement().satisfies(report -> {
            assertThat(report.providerId()).isEqualTo("p-42");
            assertThat(report.command()).isEqualTo(ProviderCommandKind.SUSPEND);
            assertThat(report.succeeded()).isTrue();
            assertThat(report.credentials()).isNull();
        });
    }

    @Test
    void aWrongSecretAStaleTimestampOrNoSignatureIsRefusedAndNothingHappens() {
        String body = command(ProviderCommandKind.PROVISION, "a-1");
        long now = Instant.now().getEpochSecond();

        assertThat(deliver(body, "whsec_guess", now)).isEqualTo(DemoServiceController.Answer.BAD_SIGNATURE);
        assertThat(deliver(body, SECRET, now - 3600)).isEqualTo(DemoServiceController.Answer.BAD_SIGNATURE);
        assertThat(controller.receive(Long.toString(now), null, body)).isEqualTo(DemoServiceController.Answer.BAD_SIGNATURE);
        assertThat(controller.receive(Long.toString(now), WebhookSignature.sign(SECRET, now, body), body.replace("a-1", "a-2")))
                .isEqualTo(DemoServiceController.Answer.BAD_SIGNATURE);
        assertThat(reported).isEmpty();
    }

    @Test
    void aSignedBodyThatIsNotACommandIsABadRequest() {
        assertThat(deliver("{\"hello\":\"world\"}")).isEqualTo(DemoServiceController.Answer.NOT_A_COMMAND);
        assertThat(reported).isEmpty();
    }

    @Test
    void withoutItsSecretTheDemoProviderIsNotThere() {
        System.clearProperty(DemoServiceController.SECRET_SETTING);

        assertThat(deliver(command(ProviderCommandKind.PROVISION, "a-1"))).isEqualTo(DemoServiceController.Answer.NOT_SERVED);
    }

    @Test
    void aRepeatedDeliveryIsAcknowledgedButDoneOnce() {
        String body = command(ProviderCommandKind.PROVISION, "a-1");

        assertThat(deliver(body)).isEqualTo(DemoServiceController.Answer.ACCEPTED);
        assertThat(deliver(body)).isEqualTo(DemoServiceController.Answer.ACCEPTED);

        assertThat(reported).hasSize(1);
    }

    @Test
    void aReportTollwayIsNotReadyForIsTriedAgain() {
        failingReports.set(2);

        deliver(command(ProviderCommandKind.RESUME, "a-1"));

        assertThat(reported).singleElement().satisfies(report -> assertThat(report.succeeded()).isTrue());
    }

    @Test
    void faultPointsMakeItFailAsATestAsks() {
        controller.faults.arm("demo-provider.webhook", 1);
        controller.faults.arm("demo-provider.provision:a-2", 1);

        assertThat(deliver(command(ProviderCommandKind.PROVISION, "a-1"))).isEqualTo(DemoServiceController.Answer.BUSY);
        assertThat(deliver(command(ProviderCommandKind.PROVISION, "a-1"))).isEqualTo(DemoServiceController.Answer.ACCEPTED);
        assertThat(deliver(command(ProviderCommandKind.PROVISION, "a-2"))).isEqualTo(DemoServiceController.Answer.ACCEPTED);

        assertThat(reported).extracting(Report::agreementId, Report::succeeded)
                .containsExactly(tuple("a-1", true), tuple("a-2", false));
        assertThat(reported.get(1).credentials()).isNull();
        assertThat(reported.get(1).message()).contains("demo-provider.provision:a-2");
    }
}
