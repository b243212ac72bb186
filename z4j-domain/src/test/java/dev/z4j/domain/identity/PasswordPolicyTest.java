package dev.z4j.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.support.Refusal;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.withMinimumLength(12);
    private static final Optional<EmailAddress> OLIVER = Optional.of(EmailAddress.parse("oliver.twist@example.test"));

    private static String ruleOf(Runnable check) {
        try {
            check.run();
            return "accepted";
        } catch (Refusal refusal) {
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
            assertThat(refusal.details()).containsEntry("rule", refusal.reason()).containsEntry("field", "password");
            return refusal.reason();
        }
    }

    @Test
    void length_is_counted_in_characters_with_a_minimum_and_a_maximum() {
        assertThat(ruleOf(() -> policy.check("short-one-1", Optional.empty()))).isEqualTo("password_too_short");
        assertThat(ruleOf(() -> policy.check(null, Optional.empty()))).isEqualTo("password_too_short");
        assertThat(ruleOf(() -> policy.check("ümlaut-ölgötz", Optional.empty()))).isEqualTo("accepted");
        assertThat(ruleOf(() -> policy.check("x".repeat(9) + "🙂🙂", Optional.empty()))).isEqualTo("password_too_short");
        assertThat(ruleOf(() -> policy.check("kx9-".repeat(65) + "q", Optional.empty()))).isEqualTo("password_too_long");
    }

    @Test
    void the_refusal_names_the_configured_minimum() {
        assertThatThrownBy(() -> PasswordPolicy.withMinimumLength(16).check("fourteen-chars", Optional.empty()))
                .hasMessage("password must be at least 16 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "Password2025!", "P@ssw0rd2024#", "!!summer2026!!", "2024dragon2024",
            "qwertyuiopasdf", "QWERTYUIOP123", "1q2w3e4r5t6y7u", "abcdefghijklm", "0987654321098",
            "aaaaaaaaaaaaaaaa", "abcabcabcabcabc", "adminadminadmin", "Welcome12345!", "changeme2025!!",
            "z4j-2025-2026", "celery123456789", "letmein!letmein!", "iloveyou123456"})
    void common_passwords_and_the_patterns_built_on_them_are_refused(String password) {
        assertThat(ruleOf(() -> policy.check(password, Optional.empty()))).isEqualTo("password_too_common");
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple 9", "violet-harbour-lantern-7", "Tr4mpoline.Quasar",
            "my cat eats 3 onions daily", "summer-of-tangled-kites"})
    void long_unusual_passphrases_are_accepted(String password) {
        assertThat(ruleOf(() -> policy.check(password, Optional.empty()))).isEqualTo("accepted");
    }

    @Test
    void a_password_built_on_the_accounts_email_is_refused() {
        assertThat(ruleOf(() -> policy.check("oliver.twist-rocks", OLIVER))).isEqualTo("password_contains_email");
        assertThat(ruleOf(() -> policy.check("x-oliver.twist@example.test", OLIVER)))
                .isEqualTo("password_contains_email");
        assertThat(ruleOf(() -> policy.check("violet-harbour-lantern-7", OLIVER))).isEqualTo("accepted");
    }

    @Test
    void the_rules_are_published_in_the_order_they_are_checked() {
        assertThat(policy.rules().minLength()).isEqualTo(12);
        assertThat(policy.rules().maxLength()).isEqualTo(256);
        assertThat(policy.rules().rules()).containsExactly("password_too_short", "password_too_long",
                "password_contains_email", "password_too_common");
    }

    @Test
    void the_bundled_list_is_loaded() {
        assertThat(CommonPasswords.bundled().size()).isGreaterThan(200);
    }
}
