package dev.runtrail.ingest.redact;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One named redaction rule: literals that must occur for the rule to be worth running, compiled
 * patterns, and which named groups of a match are secret (none: the whole match).
 */
public final class RedactionRule {
    private final String name;
    private final List<String> literals;
    private final List<String> requires;
    private final List<Pattern> patterns;
    private final List<String> maskGroups;

    /** Per pattern, the mask groups it declares (asking a matcher for another group throws). */
    private final List<List<String>> groupsPerPattern;

    /**
     * @param name recorded in {@code runtrail.redacted} when the rule changes a field
     * @param literals lower-case ASCII substrings; the rule runs only on text containing one
     * @param requires lower-case ASCII substrings that must all occur too (e.g. the {@code @} of
     *     {@code user:pass@host}, where {@code ://} alone is in every XML namespace)
     * @param patterns compiled once
     * @param maskGroups named groups to replace; empty means the whole match
     */
    public RedactionRule(
            String name,
            List<String> literals,
            List<String> requires,
            List<Pattern> patterns,
            List<String> maskGroups) {
        this.name = name;
        this.literals = List.copyOf(literals);
        this.requires = List.copyOf(requires);
        this.patterns = List.copyOf(patterns);
        this.maskGroups = List.copyOf(maskGroups);
        this.groupsPerPattern =
                patterns.stream()
                        .map(
                                p ->
                                        maskGroups.stream()
                                                .filter(g -> p.pattern().contains("(?<" + g + ">"))
                                                .toList())
                        .toList();
    }

    public String name() {
        return name;
    }

    public List<String> literals() {
        return literals;
    }

    public List<String> requires() {
        return requires;
    }

    /** Whether every {@code requires} literal occurs in the text (ASCII case-insensitive). */
    boolean requirementsMet(String text) {
        for (String lit : requires) {
            if (!containsIgnoreCase(text, lit)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsIgnoreCase(String text, String lowerLiteral) {
        char first = lowerLiteral.charAt(0);
        if (lowerLiteral.length() == 1 && !Character.isLetter(first)) {
            return text.indexOf(first) >= 0; // one caseless character: the JDK's vector search
        }
        int last = text.length() - lowerLiteral.length();
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || Character.toLowerCase(c) == first)
                    && text.regionMatches(true, i, lowerLiteral, 0, lowerLiteral.length())) {
                return true;
            }
        }
        return false;
    }

    public List<Pattern> patterns() {
        return patterns;
    }

    public List<String> maskGroups() {
        return maskGroups;
    }

    /**
     * Applies this rule's patterns to the text.
     *
     * @param replacement what each secret becomes; null masks each of its characters with {@code *}
     *     instead, so that the text keeps its length and every character its position
     * @param secrets null, or receives each secret replaced, with the characters next to it
     * @return the text with secrets replaced, or the same instance when nothing was replaced
     */
    String apply(String text, String replacement, List<Redactor.Secret> secrets) {
        String current = text;
        for (int i = 0; i < patterns.size(); i++) {
            current =
                    applyOne(
                            patterns.get(i),
                            groupsPerPattern.get(i),
                            current,
                            replacement,
                            secrets);
        }
        return current;
    }

    private String applyOne(
            Pattern pattern,
            List<String> groups,
            String text,
            String replacement,
            List<Redactor.Secret> secrets) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (maskGroups.isEmpty()) {
                if (!alreadyMasked(m.group(), replacement)) {
                    if (secrets != null) {
                        secrets.add(Redactor.Secret.at(text, m.start(), m.end()));
                    }
                    out = append(out, text, copied, m.start(), m.end(), replacement);
                    copied = m.end();
                }
                continue;
            }
            // groups of one match never overlap: they are alternatives or in order
            for (String g : groups) {
                int start = m.start(g);
                if (start < 0 || start < copied) {
                    continue;
                }
                int end = m.end(g);
                if (alreadyMasked(text.substring(start, end), replacement)) {
                    continue;
                }
                if (secrets != null) {
                    secrets.add(Redactor.Secret.at(text, start, end));
                }
                out = append(out, text, copied, start, end, replacement);
                copied = end;
            }
        }
        if (out == null) {
            return text;
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    /** {@code out} (made when null) with the text from {@code from} and the secret replaced. */
    private static StringBuilder append(
            StringBuilder out,
            String text,
            int from,
            int secretStart,
            int secretEnd,
            String replacement) {
        if (out == null) {
            out = new StringBuilder(text.length() + 16);
        }
        out.append(text, from, secretStart);
        if (replacement != null) {
            return out.append(replacement);
        }
        for (int i = secretStart; i < secretEnd; i++) {
            out.append('*');
        }
        return out;
    }

    private static boolean alreadyMasked(String secret, String replacement) {
        if (secret.isEmpty() || secret.equals(replacement)) {
            return true;
        }
        for (int i = 0; i < secret.length(); i++) {
            if (secret.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }
}
