package dev.z4j.domain.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What agents send is redacted again before it is stored (agents redact too, but a brain cannot trust every agent's
 * version or configuration): values under secret-looking keys are replaced whole, secret-looking substrings of other
 * strings are replaced, and long values are cut with a marker saying how much was dropped.
 *
 * <p>Key rules match the whole key, case-insensitively, with {@code -} read as {@code _}; value rules look for a
 * cheap trigger before running their pattern, because every string of every event passes through here.
 */
public final class Redaction {

    public static final String REDACTED = "[REDACTED]";
    /** Longest string stored, in UTF-8 bytes; longer ones end with {@link #cutMarker}. */
    public static final int MAX_STRING_BYTES = 8192;
    /** Largest {@code args}, {@code kwargs}, {@code result}, worker metadata, in bytes of JSON. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    /** Largest event payload kept, in bytes of JSON. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** The key of the object that replaces a value too large to keep. */
    public static final String TRUNCATED = "z4j_truncated";
    private static final int PREVIEW_CHARS = 1024;

    private static final Set<String> SECRET_KEYS = Set.of(
            "password", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "client_secret",
            "token", "tokens", "access_token", "refresh_token", "id_token", "api_token", "auth_token", "bearer_token",
            "session_token", "csrf_token", "xsrf_token", "oauth_token", "github_token",
            "api_key", "apikey", "x_api_key", "access_key", "secret_key", "private_key", "signing_key",
            "encryption_key", "master_key", "aws_secret_access_key", "hmac_secret", "webhook_secret",
            "authorization", "proxy_authorization", "auth", "credential", "credentials",
            "cookie", "cookies", "set_cookie", "session", "sessionid", "session_id",
            "ssn", "social_security_number", "credit_card", "credit_card_number", "card_number", "cc_number",
            "cvv", "cvv2", "cvc", "pin", "iban", "account_number", "routing_number",
            "otp", "totp", "mfa_code", "dsn", "database_url", "connection_string", "broker_url", "result_backend");
    private static final List<String> SECRET_SUFFIXES = List.of(
            "_password", "_passwd", "_secret", "_token", "_api_key", "_apikey", "_private_key", "_secret_key",
            "_credentials");

    /** Top-level {@code data} keys that name things (tasks, queues, workers) rather than carry user data. */
    private static final Set<String> STRUCTURAL = Set.of(
            "task_name", "queue", "worker", "worker_name", "hostname", "routing_key", "exchange", "priority",
            "state", "parent_task_id", "root_task_id", "group_id", "scheduler", "reason");

    /** A pattern, run only on strings that contain one of its triggers (lower-cased ones match case-insensitively). */
    private record ValueRule(List<String> triggers, boolean ignoreCase, Pattern pattern, String replacement) {
        ValueRule(String trigger, boolean ignoreCase, Pattern pattern, String replacement) {
            this(List.of(trigger), ignoreCase, pattern, replacement);
        }

        boolean triggered(String s, String lower) {
            for (String trigger : triggers) {
                if ((ignoreCase ? lower : s).contains(trigger)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<ValueRule> VALUE_RULES = List.of(
            new ValueRule("-----begin", true, Pattern.compile(
                    "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)",
                    Pattern.DOTALL), REDACTED),
            new ValueRule("eyj", true, Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
                    REDACTED),
            new ValueRule("bearer", true, Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}"), REDACTED),
            new ValueRule("basic", true, Pattern.compile("(?i)\\bbasic\\s+[A-Za-z0-9+/]{12,}={0,2}"), REDACTED),
            new ValueRule("://", false, Pattern.compile("(\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s:/@]*:)[^\\s@/]+@"),
                    "$1" + Matcher.quoteReplacement(REDACTED) + "@"),
            new ValueRule("z4j_agent_", false, Pattern.compile("z4j_agent_[A-Za-z0-9_-]{16,}"), REDACTED),
            new ValueRule(List.of("_live_", "_test_"), false,
                    Pattern.compile("\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}"), REDACTED),
            new ValueRule("xox", false, Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), REDACTED),
            new ValueRule("hooks.slack.com", false, Pattern.compile("hooks\\.slack\\.com/services/[A-Za-z0-9/_-]+"),
                    "hooks.slack.com/services/" + REDACTED),
            new ValueRule(List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), false,
                    Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})"), REDACTED),
            new ValueRule("glpat-", false, Pattern.compile("glpat-[A-Za-z0-9_-]{20,}"), REDACTED),
            new ValueRule(List.of("AKIA", "ASIA"), false, Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
                    REDACTED),
            new ValueRule("AIza", false, Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"), REDACTED),
            new ValueRule("SG.", false, Pattern.compile("\\bSG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}"), REDACTED),
            new ValueRule("@", false,
                    Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), REDACTED),
            new ValueRule("-", false, Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"), REDACTED));

    private Redaction() {
    }

    /** A redacted copy of an event's {@code data}: structural top-level strings are cut but not scanned. */
    public static Map<String, Object> data(Map<String, Object> data) {
        Map<String, Object> clean = new LinkedHashMap<>(Math.max(4, data.size() * 2));
        for (Map.Entry<String, Object> e : data.entrySet()) {
            String key = e.getKey();
            if (isSecretKey(key)) {
                clean.put(key, REDACTED);
            } else if (STRUCTURAL.contains(key) && e.getValue() instanceof String s) {
                clean.put(key, cut(s));
            } else {
                clean.put(key, value(e.getValue()));
            }
        }
        return clean;
    }

    /** A redacted copy of any JSON value (maps, lists, strings, numbers, booleans, null). */
    public static Object value(Object value) {
        if (value instanceof String s) {
            return scrub(cut(s));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> clean = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                clean.put(key, isSecretKey(key) ? REDACTED : value(e.getValue()));
            }
            return clean;
        }
        if (value instanceof List<?> list) {
            List<Object> clean = new ArrayList<>(list.size());
            for (Object item : list) {
                clean.add(value(item));
            }
            return clean;
        }
        return value;
    }

    public static boolean isSecretKey(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (SECRET_KEYS.contains(k)) {
            return true;
        }
        for (String suffix : SECRET_SUFFIXES) {
            if (k.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces secret-looking substrings. */
    public static String scrub(String s) {
        if (s.length() < 6) {
            return s;
        }
        String lower = null;
        String result = s;
        for (ValueRule rule : VALUE_RULES) {
            if (rule.ignoreCase() && lower == null) {
                lower = result.toLowerCase(Locale.ROOT);
            }
            if (rule.triggered(result, lower)) {
                String replaced = rule.pattern().matcher(result).replaceAll(rule.replacement());
                if (!replaced.equals(result)) {
                    result = replaced;
                    lower = null;
                }
            }
        }
        return result;
    }

    /** At most {@link #MAX_STRING_BYTES} bytes of UTF-8, cut on a character boundary, with a marker. */
    public static String cut(String s) {
        return cut(s, MAX_STRING_BYTES);
    }

    public static String cut(String s, int maxBytes) {
        if (s.length() <= maxBytes / 3) {
            return s;
        }
        int total = utf8Length(s);
        if (total <= maxBytes) {
            return s;
        }
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return s.substring(0, end) + cutMarker(total - bytes);
    }

    public static String cutMarker(int droppedBytes) {
        return "…[truncated " + droppedBytes + " bytes]";
    }

    /** The value, or when its JSON exceeds {@code maxBytes} an object saying so with the start of that JSON. */
    public static Object bounded(Object value, int maxBytes) {
        String json = CanonicalJson.write(value);
        int size = utf8Length(json);
        if (size <= maxBytes) {
            return value;
        }
        return truncatedMarker(json, size);
    }

    public static Map<String, Object> truncatedMarker(String json, int size) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put(TRUNCATED, Boolean.TRUE);
        marker.put("original_bytes", (long) size);
        int end = Math.min(json.length(), PREVIEW_CHARS);
        if (end > 0 && Character.isHighSurrogate(json.charAt(end - 1))) {
            end--;
        }
        marker.put("preview", json.substring(0, end));
        return marker;
    }

    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
