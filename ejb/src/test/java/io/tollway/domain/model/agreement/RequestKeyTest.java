package io.tollway.domain.model.agreement;

import io.tollway.domain.model.offering.SettlementModel;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestKeyTest {

    private static final String ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String PUBLIC_KEY = "0xba5734d8f7091719471e7f7ed6b9df170dc70cc661ca05e688601ad984f068b0"
            + "d67351e5f06073092499336ab0839ef8a521afd334e53807205fa2f08eec74f4";

    private static RequestKey key(String offeringId, String address, String publicKey) {
        return RequestKey.of("order-17", offeringId, address, publicKey);
    }

    @Test
    void theSameRequestHasTheSameFingerprintHoweverItsHexIsSpelled() {
        RequestKey first = key("offering-1", ADDRESS, PUBLIC_KEY);

        assertThat(key("offering-1", ADDRESS.toLowerCase(), PUBLIC_KEY.toUpperCase().replace("0X", "0x"))).isEqualTo(first);
        assertThat(key("offering-1", ADDRESS, "0x04" + PUBLIC_KEY.substring(2))).as("the uncompressed marker").isEqualTo(first);
        assertThat(key("offering-1", ADDRESS, PUBLIC_KEY.substring(2))).isEqualTo(first);
    }

    @Test
    void anotherRequestHasAnotherFingerprint() {
        RequestKey first = key("offering-1", ADDRESS, PUBLIC_KEY);

        assertThat(key("offering-2", ADDRESS, PUBLIC_KEY).fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(key("offering-1", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", PUBLIC_KEY).fingerprint())
                .isNotEqualTo(first.fingerprint());
        assertThat(key("offering-1", ADDRESS, PUBLIC_KEY.replace("ba57", "ba58")).fingerprint()).isNotEqualTo(first.fingerprint());
        // fields are delimited by their lengths: moving text from one field to the next is another request
        assertThat(RequestKey.of("k", "ab", "c", "d").fingerprint()).isNotEqualTo(RequestKey.of("k", "a", "bc", "d").fingerprint());
    }

    @Test
    void aKeyIsOneTo200PrintableCharacters() {
        assertThat(RequestKey.of("x".repeat(200), "o", ADDRESS, PUBLIC_KEY).key()).hasSize(200);
        assertThat(RequestKey.of("order 17/a:b", "o", ADDRESS, PUBLIC_KEY).key()).isEqualTo("order 17/a:b");
        for (String wrong : new String[]{null, "", "x".repeat(201), "tab\there", "caf\u00e9"}) {
            assertThatThrownBy(() -> RequestKey.of(wrong, "o", ADDRESS, PUBLIC_KEY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Idempotency-Key must be 1 to 200");
        }
    }

    @Test
    void anAgreementAnswersOnlyTheRequestThatMadeIt() {
        Agreement agreement = Agreement.request("offering-1", "provider-1", "consumer-1", ADDRESS, SettlementModel.ESCROW, "{}", "0xaaa",
                OffsetDateTime.of(2026, 11, 21, 10, 0, 0, 0, ZoneOffset.UTC));
        RequestKey key = key("offering-1", ADDRESS, PUBLIC_KEY);
        agreement.requestedWith(key);

        assertThat(agreement.requestKey()).isEqualTo("order-17");
        assertThat(agreement.wasRequestedAs(key("offering-1", ADDRESS.toLowerCase(), PUBLIC_KEY))).isTrue();
        assertThat(agreement.wasRequestedAs(key("offering-2", ADDRESS, PUBLIC_KEY))).isFalse();
        assertThat(agreement.wasRequestedAs(RequestKey.of("order-18", "offering-1", ADDRESS, PUBLIC_KEY))).isFalse();
        assertThatThrownBy(() -> agreement.requestedWith(key)).isInstanceOf(IllegalStateException.class);
    }
}
