package io.tollway.domain.model.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashTest {

    @Test
    void aHashIsSaltedStretchedPbkdf2InJakartaSecuritysFormatAndMatchesOnlyItsPassword() {
        String hash = PasswordHash.hash("correct horse battery staple");

        String[] parts = hash.split(":");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(Integer.parseInt(parts[1])).isEqualTo(600_000);
        assertThat(PasswordHash.matches("correct horse battery staple", hash)).isTrue();
        assertThat(PasswordHash.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(PasswordHash.matches("", hash)).isFalse();
        assertThat(hash).doesNotContain("correct horse");
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(PasswordHash.hash("the same password", 1000)).isNotEqualTo(PasswordHash.hash("the same password", 1000));
    }

    @Test
    void theIterationCountIsReadFromTheHashSoOlderHashesStillMatch() {
        assertThat(PasswordHash.matches("an older password", PasswordHash.hash("an older password", 1000))).isTrue();
    }

    @Test
    void malformedOrForeignHashesMatchNothing() {
        assertThat(PasswordHash.matches("password123456", null)).isFalse();
        assertThat(PasswordHash.matches("password123456", "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8")).isFalse();
        assertThat(PasswordHash.matches("password123456", "PBKDF2WithHmacSHA256:x:y:z")).isFalse();
        assertThat(PasswordHash.matches("password123456", "PBKDF2WithHmacSHA1:1000:c2FsdA==:aGFzaA==")).isFalse();
    }

    @Test
    void tooShortPasswordsAreRefused() {
        assertThatThrownBy(() -> PasswordHash.hash("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
