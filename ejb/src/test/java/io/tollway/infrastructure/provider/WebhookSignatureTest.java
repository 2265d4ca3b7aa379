package io.tollway.infrastructure.provider;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_demo";
    private static final String BODY = "{\"agreementId\":\"a-1\"}";
    private static final long SENT = 1_700_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(SENT);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void signsTimestampDotBodyWithHmacSha256AsAnyProviderCanRecompute() {
        // printf '%s' '1700000000.{"agreementId":"a-1"}' | openssl dgst -sha256 -hmac whsec_demo
        assertThat(WebhookSignature.sign(SECRET, SENT, BODY))
                .isEqualTo("v1=ba95bec3ee2b9ab417b327e58860836be16c0e7688b484c6252e1cc4d1f69dbd");
    }

    @Test
    void acceptsItsOwnSignatureWithinTheTolerance() {
        String signature = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature, NOW, TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature, NOW.plus(TOLERANCE), TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature, NOW.minus(TOLERANCE), TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature.toUpperCase().replace("V1=", "v1="), NOW, TOLERANCE))
                .as("hex digits in either case").isTrue();
    }

    @Test
    void refusesAnAlteredBodyAnotherSecretOrAnotherTimestamp() {
        String signature = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY.replace("a-1", "a-2"), signature, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify("whsec_other", "1700000000", BODY, signature, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000001", BODY, signature, NOW, TOLERANCE))
                .as("a replay with a fresh timestamp").isFalse();
    }

    @Test
    void refusesTimestampsOutsideTheToleranceEitherWay() {
        String signature = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature, NOW.plus(TOLERANCE).plusSeconds(1), TOLERANCE))
                .as("a recorded call replayed later").isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature, NOW.minus(TOLERANCE).minusSeconds(1), TOLERANCE))
                .as("a timestamp from the future").isFalse();
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        String signature = WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, null, BODY, signature, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, null, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "yesterday", BODY, signature, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature.substring(3), NOW, TOLERANCE))
                .as("without the scheme").isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, "v1=", NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify("", "1700000000", BODY, WebhookSignature.sign("x", SENT, BODY), NOW, TOLERANCE))
                .as("no secret configured accepts nothing").isFalse();
    }

    @Test
    void oneMatchingValueAmongSeveralIsEnoughWhileASecretIsRotated() {
        String header = WebhookSignature.sign("whsec_old", SENT, BODY) + ", " + WebhookSignature.sign(SECRET, SENT, BODY);

        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, header, NOW, TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify("whsec_old", "1700000000", BODY, header, NOW, TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify("whsec_new", "1700000000", BODY, header, NOW, TOLERANCE)).isFalse();
    }

    @Test
    void signingWithoutASecretIsAMistakeNotAnEmptyKey() {
        assertThatThrownBy(() -> WebhookSignature.sign("", SENT, BODY)).isInstanceOf(IllegalArgumentException.class);
    }
}
