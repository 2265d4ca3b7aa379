package io.tollway.infrastructure.sealing;

import io.tollway.devkit.Anvil;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The address check is web3j's own derivation, the one the chain uses, for all ten anvil keys. */
class ConsumerKeyTest {

    static BigInteger publicKey(int account) {
        return Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(account)).getEcKeyPair().getPublicKey();
    }

    static String hex(BigInteger publicKey) {
        return Numeric.toHexStringWithPrefixZeroPadded(publicKey, 128);
    }

    @Test
    void acceptsTheKeyOfEachAnvilAccountForItsAddressAsWeb3jDerivesIt() {
        for (int account = 0; account < Anvil.DEV_PRIVATE_KEYS.size(); account++) {
            BigInteger publicKey = publicKey(account);
            String address = "0x" + Keys.getAddress(publicKey);

            ConsumerKey key = ConsumerKey.of(hex(publicKey), Keys.toChecksumAddress(address));

            assertThat(key.address()).isEqualTo(address);
            assertThat(key.publicKeyHex()).isEqualTo(hex(publicKey));
        }
    }

    @Test
    void takesTheKeyWithOrWithoutPrefixes() {
        String digits = hex(publicKey(0)).substring(2);
        String address = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

        assertThat(ConsumerKey.of(digits, address)).isEqualTo(ConsumerKey.of("0x04" + digits, address));
        assertThat(ConsumerKey.of("04" + digits, address)).isEqualTo(ConsumerKey.of(digits.toUpperCase(), address.toUpperCase().replace("0X", "0x")));
    }

    @Test
    void refusesAKeyThatIsNotTheConsumersAddress() {
        assertThatThrownBy(() -> ConsumerKey.of(hex(publicKey(1)), "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the public key belongs to address 0x70997970c51812dc3a010c7d01b50e0d17dc79c8,"
                        + " not to the consumer's address 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    }

    @Test
    void refusesMalformedKeysAndPointsOffTheCurve() {
        String address = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
        String digits = hex(publicKey(0)).substring(2);

        assertThatThrownBy(() -> ConsumerKey.of(digits.substring(2), address)).hasMessageContaining("128 hex digits");
        assertThatThrownBy(() -> ConsumerKey.of("0x02" + digits.substring(0, 64), address)).hasMessageContaining("uncompressed");
        assertThatThrownBy(() -> ConsumerKey.of(digits.replace('a', 'g'), address)).hasMessageContaining("128 hex digits");
        assertThatThrownBy(() -> ConsumerKey.of(digits.substring(0, 127) + (digits.endsWith("0") ? "1" : "0"), address))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a point on secp256k1");
        assertThatThrownBy(() -> ConsumerKey.of(null, address)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsumerKey.of(digits, "f39fd6e51aad88f6f4ce6ab8827279cfffb92266"))
                .hasMessageContaining("0x and 40 hex digits");
    }
}
