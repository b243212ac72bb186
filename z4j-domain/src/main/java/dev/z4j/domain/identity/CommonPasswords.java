package dev.z4j.domain.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The deny-list: the bundled words ({@code common-passwords.txt}) and the patterns people build from them. A
 * password is common when, case-insensitively, it is a listed word; a listed word decorated with digits and symbols
 * before or after it ({@code Summer2025!}), also in leetspeak ({@code P@ssw0rd1}); a keyboard walk or an alphabet or
 * digit run ({@code qwertyuiopas}, {@code 3456789012}); or a short unit or a listed word repeated
 * ({@code abcabcabcabc}, {@code adminadmin}).
 */
final class CommonPasswords {

    private static final String RESOURCE = "common-passwords.txt";
    private static final int MIN_RUN = 4;
    private static final int SHORT_UNIT = 4;
    private static final List<String> RUNS = List.of(
            "abcdefghijklmnopqrstuvwxyz",
            "012345678901234567890",
            "qwertyuiopasdfghjklzxcvbnm",
            "qwertzuiopasdfghjklyxcvbnm",
            "azertyuiopqsdfghjklmwxcvbn",
            "1234567890qwertyuiop",
            "1q2w3e4r5t6y7u8i9o0p",
            "qazwsxedcrfvtgbyhnujmikolp",
            "zaq1xsw2cde3vfr4bgt5nhy6mju7ki8lo9",
            "!@#$%^&*()_+");

    private final Set<String> words;

    CommonPasswords(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    static CommonPasswords bundled() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(fold(word));
                }
            }
            return new CommonPasswords(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    int size() {
        return words.size();
    }

    boolean isCommon(String password) {
        String s = fold(password);
        if (words.contains(s) || isRun(s) || isRepetition(s)) {
            return true;
        }
        for (String core : List.of(stripDecoration(s, true, true), stripDecoration(s, false, true),
                stripDecoration(s, true, false))) {
            String plain = deleet(core);
            if (!core.isEmpty() && (words.contains(core) || words.contains(plain) || isRun(core)
                    || isRepetition(plain))) {
                return true;
            }
        }
        return false;
    }

    private static String fold(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Removes the runs of digits and symbols at the start and/or the end (spaces and letters stop it). */
    private static String stripDecoration(String s, boolean leading, boolean trailing) {
        int start = 0;
        int end = s.length();
        while (leading && start < end && isDecoration(s.charAt(start))) {
            start++;
        }
        while (trailing && end > start && isDecoration(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isDecoration(char c) {
        return !Character.isLetter(c) && !Character.isWhitespace(c);
    }

    private static String deleet(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(switch (c) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return out.toString();
    }

    private static boolean isRun(String s) {
        if (s.length() < MIN_RUN) {
            return false;
        }
        String reversed = new StringBuilder(s).reverse().toString();
        return RUNS.stream().anyMatch(run -> run.contains(s) || run.contains(reversed));
    }

    /** A unit repeated at least twice, where the unit is short, a listed word or a run. */
    private boolean isRepetition(String s) {
        for (int unit = 1; unit <= s.length() / 2; unit++) {
            if (s.length() % unit == 0 && s.equals(s.substring(0, unit).repeat(s.length() / unit))) {
                String u = s.substring(0, unit);
                return unit <= SHORT_UNIT || words.contains(u) || words.contains(stripDecoration(u, true, true))
                        || isRun(u);
            }
        }
        return false;
    }
}
