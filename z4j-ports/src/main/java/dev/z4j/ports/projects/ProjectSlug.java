package dev.z4j.ports.projects;

import dev.z4j.ports.support.Refusal;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A project's URL name, as upstream: 2 to 50 characters of lower-case letters, digits and dashes, starting and ending
 * with a letter or digit. A value in a URL that breaks the rule names no project at all (404 without a lookup).
 */
public record ProjectSlug(String value) {

    private static final Pattern RULE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,48}[a-z0-9]$");

    public ProjectSlug {
        Objects.requireNonNull(value, "value");
        if (!RULE.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid slug");
        }
    }

    /** @throws Refusal INVALID {@code invalid_slug} naming the rule */
    public static ProjectSlug parse(String value) {
        return lookup(value).orElseThrow(() -> Refusal.invalid("invalid_slug",
                "slug must be 2 to 50 characters: lower-case letters, digits and dashes, starting and ending with a "
                        + "letter or digit", Map.of("field", "slug")));
    }

    /** The slug a URL segment names, or empty when it cannot name a project. */
    public static Optional<ProjectSlug> lookup(String value) {
        return value != null && RULE.matcher(value).matches() ? Optional.of(new ProjectSlug(value)) : Optional.empty();
    }

    /** A slug made from a display name ({@code "Payments Team"} becomes {@code payments-team}), or {@code fallback}. */
    public static ProjectSlug derive(String name, String fallback) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 50) {
            slug = slug.substring(0, 50).replaceAll("-+$", "");
        }
        return lookup(slug).orElseGet(() -> new ProjectSlug(fallback));
    }

    @Override
    public String toString() {
        return value;
    }
}
