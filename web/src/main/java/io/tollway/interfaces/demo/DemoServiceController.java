package io.tollway.interfaces.demo;

import io.tollway.application.agreement.ProvisioningReports;
import io.tollway.domain.model.agreement.ProviderCommandKind;
import io.tollway.infrastructure.config.TollwayConfig;
import io.tollway.infrastructure.faults.FaultInjector;
import io.tollway.infrastructure.faults.InjectedFault;
import io.tollway.infrastructure.provider.ProviderCommand;
import io.tollway.infrastructure.provider.WebhookSignature;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo provider's service controller: it checks that a command is Tollway's and fresh,
 * acknowledges it at once, and carries it out afterwards on the container's executor, reporting
 * the outcome as a real provider would through the API. Its "service" is a made-up VPN account.
 *
 * <p>Served only where {@value #SECRET_SETTING} is set or the demo accounts exist (the embedded run, the tests); elsewhere it answers
 * 404. Test servers can make it fail through fault points: {@code demo-provider.webhook} answers
 * 503 (Tollway retries), {@code demo-provider.provision} (or {@code .suspend}, {@code .resume},
 * {@code .deprovision}, each optionally {@code :<agreementId>}) reports the command as failed.
 */
@ApplicationScoped
public class DemoServiceController {

    static final String SECRET_SETTING = "tollway.demo-provider.secret";
    /** Who the demo provider reports as: the provider id its demo offerings are registered under. */
    static final String ID_SETTING = "tollway.demo-provider.id";
    private static final Logger LOG = Logger.getLogger(DemoServiceController.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int REPORT_ATTEMPTS = 5;
    private static final int REMEMBERED_COMMANDS = 10_000;

    public enum Answer {
        ACCEPTED(202, "accepted"),
        NOT_SERVED(404, "no demo provider here"),
        BAD_SIGNATURE(401, "signature or timestamp refused"),
        NOT_A_COMMAND(400, "not a provider command"),
        BUSY(503, "try again later");

        final int status;
        final String text;

        Answer(int status, String text) {
            this.status = status;
            this.text = text;
        }
    }

    @Inject
    TollwayConfig config;

    @Inject
    FaultInjector faults;

    @EJB
    ProvisioningReports reports;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    /** Waits between attempts to report double from this; the report may come before Tollway waits for it. */
    Duration firstReportRetry = Duration.ofSeconds(1);

    /** Idempotency keys already taken on, so a repeated delivery is acknowledged but not done twice. */
    private final Set<String> taken = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_COMMANDS;
                }
            }));

    /** Checks and acknowledges one webhook call; the work happens afterwards. */
    public Answer receive(String timestamp, String signature, String body) {
        String secret = config.setting(SECRET_SETTING);
        if (secret == null && config.demoAccounts()) {
            // the demo accounts' provider is this controller: its account holds the same secret
            secret = io.tollway.application.account.DemoAccounts.DEMO_WEBHOOK_SECRET;
        }
        if (secret == null) {
            return Answer.NOT_SERVED;
        }
        if (!WebhookSignature.verify(secret, timestamp, body, signature, Instant.now(), WebhookSignature.DEFAULT_TOLERANCE)) {
            return Answer.BAD_SIGNATURE;
        }
        ProviderCommand command;
        try {
            command = ProviderCommand.fromJson(body);
        } catch (IllegalArgumentException e) {
            return Answer.NOT_A_COMMAND;
        }
        try {
            faults.check("demo-provider.webhook", command.agreementId());
        } catch (InjectedFault e) {
            return Answer.BUSY;
        }
        if (taken.add(command.idempotencyKey())) {
            try {
                executor.execute(() -> carryOut(command));
            } catch (RejectedExecutionException e) {
                taken.remove(command.idempotencyKey());
                return Answer.BUSY;
            }
        }
        return Answer.ACCEPTED;
    }

    private void carryOut(ProviderCommand command) {
        ProviderCommandKind kind = command.command();
        boolean succeeded = true;
        String credentials = null;
        String message;
        try {
            faults.check("demo-provider." + kind.name().toLowerCase(Locale.ROOT), command.agreementId());
            if (kind == ProviderCommandKind.PROVISION) {
                credentials = credentials(command.agreementId());
            }
            message = switch (kind) {
                case PROVISION -> "demo VPN account created";
                case SUSPEND -> "demo VPN account suspended";
                case RESUME -> "demo VPN account resumed";
                case DEPROVISION -> "demo VPN account removed";
            };
        } catch (InjectedFault e) {
            succeeded = false;
            message = "the demo provider failed on purpose: " + e.getMessage();
        }
        report(command, succeeded, credentials, message);
    }

    private void report(ProviderCommand command, boolean succeeded, String credentials, String message) {
        String providerId = config.setting(ID_SETTING) == null ? "demo-provider" : config.setting(ID_SETTING);
        Duration wait = firstReportRetry;
        for (int attempt = 1; ; attempt++) {
            try {
                reports.report(command.agreementId(), providerId, command.command(), succeeded, credentials, message);
                return;
            } catch (RuntimeException e) {
                if (attempt == REPORT_ATTEMPTS) {
                    LOG.log(Level.WARNING, "demo provider: gave up reporting " + command.idempotencyKey(), e);
                    return;
                }
                LOG.log(Level.INFO, "demo provider: reporting {0} failed ({1}); trying again in {2}",
                        new Object[]{command.idempotencyKey(), e.getMessage(), wait});
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2);
        }
    }

    /** A made-up account, in clear: sealing it for the consumer is Tollway's job, not the provider's. */
    static String credentials(String agreementId) {
        byte[] password = new byte[18];
        RANDOM.nextBytes(password);
        String shortId = agreementId.replaceAll("[^A-Za-z0-9]", "");
        return Json.createObjectBuilder()
                .add("username", "demo-" + shortId.substring(0, Math.min(8, shortId.length())))
                .add("password", Base64.getUrlEncoder().withoutPadding().encodeToString(password))
                .add("endpoint", "vpn.demo.tollway.local:1194")
                .build()
                .toString();
    }
}
