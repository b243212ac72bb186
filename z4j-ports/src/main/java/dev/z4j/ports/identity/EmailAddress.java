package dev.z4j.ports.identity;

import dev.z4j.ports.support.Refusal;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A user's email in canonical form: Unicode NFKC, trimmed, local part and domain lower-cased, the domain in ASCII
 * (IDNA). Two spellings of one address ({@code Ann@Example.TEST}, {@code ann@example.test}) are the same value, so
 * lookups and the unique index agree. Validation is deliberately plain: one {@code @}, no whitespace, a domain with
 * a dot or a special-use name such as {@code localhost}.
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 320;
    private static final Set<String> SPECIAL_USE = Set.of("localhost", "local", "internal", "intranet", "private",
            "corp", "home", "lan", "test", "example", "invalid");

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        if (!value.equals(canonical(value))) {
            throw new IllegalArgumentException("not a canonical email address; use EmailAddress.parse");
        }
    }

    /**
     * @throws Refusal {@code invalid_email} naming what is wrong (never echoing a long value)
     */
    public static EmailAddress parse(String text) {
        return new EmailAddress(canonical(text));
    }

    private static String canonical(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("email is required");
        }
        String value = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        if (value.length() > MAX_LENGTH) {
            throw invalid("email must be at most " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid("email must not contain spaces or control characters");
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            throw invalid("email must look like name@domain");
        }
        String local = value.substring(0, at).toLowerCase(Locale.ROOT);
        String domain;
        try {
            domain = IDN.toASCII(value.substring(at + 1), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid("email has an invalid domain");
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")
                || !domain.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
            throw invalid("email has an invalid domain");
        }
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        if (!domain.contains(".") && !SPECIAL_USE.contains(domain)) {
            throw invalid("email domain must contain a dot (name@example.org)");
        }
        if (tld.isEmpty()) {
            throw invalid("email has an invalid domain");
        }
        return local + "@" + domain;
    }

    private static Refusal invalid(String message) {
        return Refusal.invalid("invalid_email", message, java.util.Map.of("field", "email"));
    }

    /** The part before the {@code @}. */
    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    @Override
    public String toString() {
        return value;
    }
}
