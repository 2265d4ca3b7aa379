package io.tollway.infrastructure.sealing;

import io.tollway.devkit.Anvil;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialSealTest {

    private static final byte[] CREDENTIALS = "{\"username\":\"demo-a1\",\"password\":\"hunter2-ZmFrZQ\",\"endpoint\":\"vpn.demo.tollway.local:1194\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static BigInteger privateKey(int account) {
        return Numeric.toBigInt(Anvil.DEV_PRIVATE_KEYS.get(account));
    }

    private static ConsumerKey consumer(int account) {
        BigInteger publicKey = ConsumerKeyTest.publicKey(account);
        return ConsumerKey.of(ConsumerKeyTest.hex(publicKey), "0x" + org.web3j.crypto.Keys.getAddress(publicKey));
    }

    @Test
    void theConsumerOpensWhatWasSealedToItsKey() {
        String sealed = CredentialSeal.seal(consumer(0), CREDENTIALS);

        assertThat(CredentialSeal.open(privateKey(0), sealed)).isEqualTo(CREDENTIALS);
        assertThat(sealed).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(sealed)).hasSize(1 + 65 + 12 + CREDENTIALS.length + 16);
    }

    @Test
    void everySealIsDifferentAndEmptyCredentialsSealToo() {
        assertThat(CredentialSeal.seal(consumer(0), CREDENTIALS)).isNotEqualTo(CredentialSeal.seal(consumer(0), CREDENTIALS));
        assertThat(CredentialSeal.open(privateKey(0), CredentialSeal.seal(consumer(0), new byte[0]))).isEmpty();
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        String sealed = CredentialSeal.seal(consumer(0), CREDENTIALS);

        assertThatThrownBy(() -> CredentialSeal.open(privateKey(1), sealed))
                .isInstanceOf(UnsealingFailed.class)
                .hasMessage("the credentials do not open with this key, or were altered");
    }

    @Test
    void anyAlteredByteIsRefused() {
        byte[] sealed = Base64.getUrlDecoder().decode(CredentialSeal.seal(consumer(0), CREDENTIALS));
        // the ephemeral key's x, the nonce, the ciphertext and the tag
        for (int at : new int[]{10, 1 + 65 + 3, 1 + 65 + 12 + 5, sealed.length - 1}) {
            byte[] altered = sealed.clone();
            altered[at] ^= 0x01;
            String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);

            assertThatThrownBy(() -> CredentialSeal.open(privateKey(0), tampered))
                    .as("byte %d altered", at).isInstanceOf(UnsealingFailed.class);
        }
    }

    @Test
    void aTruncatedOrForeignStringIsNotASeal() {
        String sealed = CredentialSeal.seal(consumer(0), CREDENTIALS);

        assertThatThrownBy(() -> CredentialSeal.open(privateKey(0), sealed.substring(0, 100))).isInstanceOf(UnsealingFailed.class);
        assertThatThrownBy(() -> CredentialSeal.open(privateKey(0), "not base64!")).isInstanceOf(UnsealingFailed.class);
        assertThatThrownBy(() -> CredentialSeal.open(privateKey(0), "AA" + sealed.substring(2))).isInstanceOf(UnsealingFailed.class);
        assertThatThrownBy(() -> CredentialSeal.open(BigInteger.ZERO, sealed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyThatIsNotTheConsumersIsRefusedBeforeAnythingIsSealed() {
        assertThatThrownBy(() -> CredentialSeal.seal(
                ConsumerKey.of(ConsumerKeyTest.hex(ConsumerKeyTest.publicKey(2)), "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"),
                CREDENTIALS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not to the consumer's address");
    }
}
