package dev.z4j.ports.identity;

import java.util.List;

/**
 * What a password must satisfy, as shown to people choosing one.
 *
 * @param rules the codes a refusal can name: {@code password_too_short}, {@code password_too_long},
 *              {@code password_too_common}, {@code password_contains_email}
 */
public record PasswordRules(int minLength, int maxLength, List<String> rules) {
    public PasswordRules {
        rules = List.copyOf(rules);
    }
}
