package dev.z4j.domain.identity;

import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.PasswordRules;
import dev.z4j.ports.support.Refusal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a new password must satisfy: a minimum length (in characters, not bytes), a maximum (256), not common, and
 * not built on the account's email. No composition rules (NIST SP 800-63B: length and a deny-list beat "one digit,
 * one symbol"). Applied wherever a password is set: setup, bootstrap, change-password, user administration, CLI.
 */
public final class PasswordPolicy {

    public static final int MAX_LENGTH = 256;
    public static final String TOO_SHORT = "password_too_short";
    public static final String TOO_LONG = "password_too_long";
    public static final String TOO_COMMON = "password_too_common";
    public static final String CONTAINS_EMAIL = "password_contains_email";
    private static final int MIN_EMAIL_PART = 4;

    private final int minLength;
    private final CommonPasswords common;

    PasswordPolicy(int minLength, CommonPasswords common) {
        if (minLength < 1 || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("minimum length must be between 1 and " + MAX_LENGTH);
        }
        this.minLength = minLength;
        this.common = common;
    }

    /** The policy with the bundled deny-list. */
    public static PasswordPolicy withMinimumLength(int minLength) {
        return new PasswordPolicy(minLength, CommonPasswords.bundled());
    }

    /** @throws Refusal INVALID whose reason is the first rule broken, in the order of {@link #rules()} */
    public void check(String password, Optional<EmailAddress> email) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < minLength) {
            throw refuse(TOO_SHORT, "password must be at least " + minLength + " characters");
        }
        if (length > MAX_LENGTH) {
            throw refuse(TOO_LONG, "password must be at most " + MAX_LENGTH + " characters");
        }
        if (email.isPresent() && containsEmail(password.toLowerCase(Locale.ROOT), email.get())) {
            throw refuse(CONTAINS_EMAIL, "password must not contain your email address or its name part");
        }
        if (common.isCommon(password)) {
            throw refuse(TOO_COMMON, "password is too common or too easy to guess; choose another one");
        }
    }

    public PasswordRules rules() {
        return new PasswordRules(minLength, MAX_LENGTH, List.of(TOO_SHORT, TOO_LONG, CONTAINS_EMAIL, TOO_COMMON));
    }

    private static boolean containsEmail(String lowered, EmailAddress email) {
        String local = email.localPart();
        return lowered.contains(email.value()) || local.length() >= MIN_EMAIL_PART && lowered.contains(local);
    }

    private static Refusal refuse(String rule, String message) {
        return Refusal.invalid(rule, message, Map.of("field", "password", "rule", rule));
    }
}
