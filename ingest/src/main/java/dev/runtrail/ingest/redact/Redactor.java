package dev.runtrail.ingest.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replaces secrets inside ingested text (passwords on command lines, credentials in URIs, tokens,
 * keys) in every string field of an event, including {@code event.original}, {@code message},
 * {@code url.*} and every {@code winlog.event_data.*}. {@code event.hash} is never touched: it
 * keeps proving the raw bytes as received. The rules that fired are listed in {@code
 * runtrail.redacted}.
 *
 * <p>Rules are data (YAML; the defaults are {@code rules.yaml} next to this class) and are compiled
 * once. Before any regex runs, one pass over the text finds which rules' literals occur, so text
 * without any trigger word costs a single scan. Immutable and thread-safe.
 */
public final class Redactor {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * Fields never rewritten: the hash proves the raw bytes; the others hold what runtrail itself
     * sets, never ingested text, so scanning them would only cost time: the document id (hex of a
     * SHA-256, {@code Hashing}), format names and ECS categorisation. A dead letter's base64 is
     * masked as bytes before it is encoded ({@link #maskBytes}); its text is no secret's spelling.
     */
    private static final String[] UNTOUCHED = {
        Ecs.EVENT_HASH,
        Ecs.EVENT_ID,
        Ecs.RUNTRAIL_REDACTED,
        Ecs.RUNTRAIL_FORMAT,
        Ecs.EVENT_DATASET,
        Ecs.EVENT_KIND,
        Ecs.EVENT_CATEGORY,
        Ecs.EVENT_TYPE,
        Ecs.EVENT_OUTCOME,
        Ecs.RUNTRAIL_RAW_BASE64
    };

    private static volatile Redactor defaults;

    private final String replacement;
    private final List<RedactionRule> rules;

    /** The length of the shortest literal: no shorter text can make a rule run. */
    private final int shortestLiteral;

    /**
     * How far the scan moves between the pairs of characters it looks at: 2 when every literal has
     * three characters or more, else 1. With 2 each literal is probed by a pair at an even offset
     * and by one at an odd offset; wherever the literal occurs, one of the two starts at a position
     * the scan looks at, in half the steps. Of each kind the pair least likely in ordinary text is
     * chosen, so that fewer pairs of the text need a closer look.
     */
    private final int step;

    /**
     * By pair of ASCII characters (lower-cased, index {@code c0 * 128 + c1}): the literals probed
     * by that pair, each with the pair's offset in it. Only the pairs that pass {@link #pairBits}
     * are looked up here.
     */
    private final Probe[][] byPair = new Probe[128 * 128][];

    /**
     * One bit per pair of bytes ({@code b0 << 8 | b1}, the low bytes of two characters) that is
     * some case variant of a pair of {@link #byPair}, so the scan needs no lower-casing for the
     * pairs that miss.
     */
    private final long[] pairBits = new long[256 * 256 / 64];

    /** A literal whose characters at {@code offset} and {@code offset + 1} are the probed pair. */
    private record Probe(Literal literal, int offset) {}

    /** The per-thread scan buffer grows to this many characters; longer texts get their own. */
    private static final int MAX_KEPT = 1 << 20;

    /**
     * Looked up once per document, not per field: a thread-local lookup in a task thread (whose map
     * holds Flink's and the JDK's own entries) showed up as 4% of a parsing profile.
     */
    private static final ThreadLocal<ScanBuffer> SCAN_BUFFER =
            ThreadLocal.withInitial(ScanBuffer::new);

    /** A reused copy of the low bytes of the text being scanned. */
    private static final class ScanBuffer {
        byte[] bytes = new byte[4096];

        /**
         * The last value found clean at each field index of a document: parsers hand out one
         * instance for values that repeat (a host, a channel, a provider, the source's name), so
         * the next document's value at that index is often the very same string, and a string is
         * immutable, so it is still clean.
         */
        private final String[] lastClean = new String[128];

        private static final int MAX_REMEMBERED = 1024;

        /** Whose rules found {@link #lastClean} clean: another redactor's rules may not. */
        private Redactor cleanFor;

        /** The name of the field at each index whose value {@link #lastClean} holds. */
        private final String[] lastCleanName = new String[128];

        /**
         * The name of the last value at each field index that {@link #keyedAt} was asked about, and
         * its {@link #kindOf kind}: a layout's names are the same instances from one document to
         * the next, so the kind is mostly known without a lookup.
         */
        private final String[] askedName = new String[128];

        private final byte[] askedKind = new byte[128];

        /** Each secret the document pass masked since the document began. */
        final List<Secret> secrets = new ArrayList<>();

        /** The text of those of {@link #secrets} that the pass masked in {@code event.original}. */
        private final Set<String> inOriginal = new java.util.HashSet<>();

        /** {@code event.original} as it was before the pass masked something in it, or null. */
        private String rawOriginal;

        /**
         * Per shared layout ({@link EcsDocument#sharedNames}), direct-mapped by identity: which of
         * its first {@link #layoutCounts} fields are {@link #KEYED keyed}, one bit per index.
         */
        private final Object[] layouts = new Object[256];

        private final int[] layoutCounts = new int[256];
        private final long[] layoutKeyed = new long[256];

        /** Starts a document's pass with {@code redactor}'s rules. */
        void startDocument(Redactor redactor) {
            if (cleanFor != redactor) {
                Arrays.fill(lastClean, null);
                Arrays.fill(askedName, null);
                Arrays.fill(layouts, null);
                cleanFor = redactor;
            }
            secrets.clear();
            inOriginal.clear();
            rawOriginal = null;
        }

        /**
         * Whether the field of this name at this index is keyed, for the values the pass skips
         * without asking their name otherwise (too short for any rule, or a reader's exact copy) in
         * a document with names of its own.
         */
        boolean keyedAt(int field, String name) {
            if (field >= askedName.length) {
                return (cleanFor.kindOf(name, this) & KEYED) != 0;
            }
            if (askedName[field] != name) {
                askedKind[field] = cleanFor.kindOf(name, this);
                askedName[field] = name;
            }
            return (askedKind[field] & KEYED) != 0;
        }

        /**
         * One bit per field index below {@code n} (at most 64) of a document whose names are the
         * shared layout {@code names}: whether the field is keyed.
         */
        long keyedFields(Object names, EcsDocument event, int n) {
            int slot = System.identityHashCode(names) & (layouts.length - 1);
            if (layouts[slot] == names && layoutCounts[slot] >= n) {
                return layoutKeyed[slot];
            }
            long keyed = 0;
            for (int i = 0; i < n; i++) {
                if ((cleanFor.kindOf(event.fieldName(i), this) & KEYED) != 0) {
                    keyed |= 1L << i;
                }
            }
            layouts[slot] = names;
            layoutCounts[slot] = n;
            layoutKeyed[slot] = keyed;
            return keyed;
        }

        /** Whether this value, under this name, was found clean at this index last time. */
        boolean wasClean(int field, String value, String name) {
            return field < lastClean.length
                    && lastClean[field] == value
                    && lastCleanName[field] == name;
        }

        /**
         * Remembers a clean value of a field that is not {@link #KEYED keyed}; not a long one,
         * which does not repeat and would be kept.
         */
        void clean(int field, String value, String name) {
            if (field < lastClean.length && value.length() <= MAX_REMEMBERED) {
                lastClean[field] = value;
                lastCleanName[field] = name;
            }
        }

        /** An array holding at least {@code n} bytes; kept for next time up to MAX_KEPT. */
        byte[] ofLength(int n) {
            if (bytes.length >= n) {
                return bytes;
            }
            byte[] grown = new byte[Math.max(n, bytes.length * 2)];
            if (grown.length <= MAX_KEPT) {
                bytes = grown;
            }
            return grown;
        }
    }

    /** A literal (lower-case ASCII) and the bit of its rule. */
    private record Literal(byte[] text, long bit) {
        /**
         * Whether the literal occurs at {@code i} of the text: compared on the low bytes first and,
         * when those match, on the characters themselves, since a character above U+00FF has a low
         * byte that may look like ASCII.
         */
        boolean occursAt(String text, byte[] low, int n, int i) {
            byte[] lit = this.text;
            if (i < 0 || i + lit.length > n) {
                return false;
            }
            for (int k = 0; k < lit.length; k++) {
                int c = low[i + k];
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != lit[k]) {
                    return false;
                }
            }
            for (int k = 0; k < lit.length; k++) {
                if (text.charAt(i + k) > 0x7F) {
                    return false;
                }
            }
            return true;
        }
    }

    private Redactor(String replacement, List<RedactionRule> rules) {
        if (rules.size() > 64) {
            throw new IllegalArgumentException(
                    "At most 64 redaction rules are supported, found " + rules.size() + ".");
        }
        this.replacement = replacement;
        this.rules = List.copyOf(rules);
        this.shortestLiteral =
                rules.stream()
                        .flatMap(r -> r.literals().stream())
                        .mapToInt(String::length)
                        .min()
                        .orElse(Integer.MAX_VALUE);
        this.step = shortestLiteral >= 3 ? 2 : 1;
        Map<Integer, List<Probe>> probes = new java.util.HashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String lit : rules.get(r).literals()) {
                Literal literal = new Literal(lit.getBytes(StandardCharsets.US_ASCII), 1L << r);
                for (int from = 0; from < step; from++) {
                    int offset = rarestPair(lit, from, step);
                    probes.computeIfAbsent(
                                    lit.charAt(offset) * 128 + lit.charAt(offset + 1),
                                    k -> new ArrayList<>())
                            .add(new Probe(literal, offset));
                }
            }
        }
        probes.forEach(
                (key, list) -> {
                    byPair[key] = list.toArray(new Probe[0]);
                    for (int c0 : caseVariants(key / 128)) {
                        for (int c1 : caseVariants(key % 128)) {
                            int pair = c0 << 8 | c1;
                            pairBits[pair >>> 6] |= 1L << pair;
                        }
                    }
                });
    }

    /**
     * The offset, among {@code from}, {@code from + step}, ..., of the literal's pair least likely
     * in ordinary text, by the frequency of its characters in English and in logs.
     */
    private static int rarestPair(String lit, int from, int step) {
        int best = from;
        for (int k = from; k + 1 < lit.length(); k += step) {
            if (commonness(lit.charAt(k)) + commonness(lit.charAt(k + 1))
                    < commonness(lit.charAt(best)) + commonness(lit.charAt(best + 1))) {
                best = k;
            }
        }
        return best;
    }

    /** Letters by falling frequency in English text. */
    private static final String LETTERS_BY_FREQUENCY = "etaoinsrhldcumfpgwybvkxjqz";

    /** A rough rank of how often a (lower-case ASCII) character occurs: higher is more often. */
    private static int commonness(char c) {
        int letter = LETTERS_BY_FREQUENCY.indexOf(c);
        if (letter >= 0) {
            return 2 * (LETTERS_BY_FREQUENCY.length() - letter);
        }
        if (c == ' ') {
            return 60;
        }
        return c >= '0' && c <= '9' ? 20 : 10;
    }

    /** The rules shipped with runtrail ({@code rules.yaml}), loaded once. */
    public static Redactor defaults() {
        Redactor r = defaults;
        if (r == null) {
            synchronized (Redactor.class) {
                r = defaults;
                if (r == null) {
                    try (InputStream in = Redactor.class.getResourceAsStream("rules.yaml")) {
                        if (in == null) {
                            throw new IllegalStateException(
                                    "The default redaction rules (rules.yaml) are missing from the"
                                            + " jar.");
                        }
                        r = fromYaml(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(
                                "Cannot read the default redaction rules.", e);
                    }
                    defaults = r;
                }
            }
        }
        return r;
    }

    /** Rules from YAML (format: see {@code rules.yaml}); mistakes are reported in sentences. */
    public static Redactor fromYaml(InputStream in) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.isObject() || !root.path("rules").isArray()) {
            throw new IllegalArgumentException(
                    "Redaction rules must be a YAML mapping with a 'rules' list.");
        }
        String replacement = root.path("replacement").asText("[REDACTED]");
        Map<String, String> fragments = new java.util.HashMap<>();
        root.path("fragments")
                .fields()
                .forEachRemaining(f -> fragments.put(f.getKey(), f.getValue().asText()));
        List<RedactionRule> rules = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode r : root.get("rules")) {
            String name = r.path("name").asText(null);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Every redaction rule needs a 'name'.");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(
                        "The redaction rule name '" + name + "' is used twice.");
            }
            // the pre-check indexes literals by their first two characters
            List<String> literals = asciiLiterals(r, "literals", name, 2);
            if (literals.isEmpty()) {
                throw new IllegalArgumentException(
                        "The redaction rule '"
                                + name
                                + "' needs 'literals' (the cheap pre-check before its regexes).");
            }
            List<String> requires = asciiLiterals(r, "requires", name, 1);
            List<Pattern> patterns = new ArrayList<>();
            for (JsonNode p : r.path("patterns")) {
                try {
                    patterns.add(Pattern.compile(withFragments(p.asText(), fragments, name)));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(
                            "A pattern of redaction rule '"
                                    + name
                                    + "' does not compile: "
                                    + e.getMessage(),
                            e);
                }
            }
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException(
                        "The redaction rule '" + name + "' needs 'patterns'.");
            }
            List<String> mask = new ArrayList<>();
            JsonNode m = r.get("mask");
            if (m == null) {
                mask.add("secret");
            } else if (m.isTextual() && m.asText().equals("whole")) {
                // empty list: the whole match
            } else {
                for (JsonNode g : m) {
                    mask.add(g.asText());
                }
            }
            for (Pattern p : patterns) {
                if (!mask.isEmpty()
                        && mask.stream().noneMatch(g -> p.pattern().contains("(?<" + g + ">"))) {
                    throw new IllegalArgumentException(
                            "A pattern of redaction rule '"
                                    + name
                                    + "' has none of the groups to mask "
                                    + mask
                                    + ".");
                }
            }
            rules.add(
                    new RedactionRule(
                            name,
                            List.copyOf(literals),
                            List.copyOf(requires),
                            List.copyOf(patterns),
                            List.copyOf(mask)));
        }
        return new Redactor(replacement, rules);
    }

    /**
     * A {@code ${name}} in a pattern; Java regex rejects "${", so no pattern means it literally.
     */
    private static final Pattern FRAGMENT = Pattern.compile("\\$\\{([a-z][a-z0-9-]*)}");

    /**
     * The pattern text with each {@code ${name}} replaced by the named entry of {@code fragments}
     * (as a group of its own, so that an alternation inside it stays inside).
     */
    private static String withFragments(
            String pattern, Map<String, String> fragments, String rule) {
        return FRAGMENT.matcher(pattern)
                .replaceAll(
                        m -> {
                            String fragment = fragments.get(m.group(1));
                            if (fragment == null) {
                                throw new IllegalArgumentException(
                                        "A pattern of redaction rule '"
                                                + rule
                                                + "' uses the fragment '"
                                                + m.group(1)
                                                + "', which 'fragments' does not define.");
                            }
                            return java.util.regex.Matcher.quoteReplacement("(?:" + fragment + ")");
                        });
    }

    /**
     * The lower-cased entries of a rule's list of literals, checked to be ASCII and long enough.
     */
    private static List<String> asciiLiterals(
            JsonNode rule, String field, String name, int minLength) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : rule.path(field)) {
            String lit = l.asText().toLowerCase(Locale.ROOT);
            if (lit.length() < minLength || !lit.chars().allMatch(c -> c < 128)) {
                throw new IllegalArgumentException(
                        "The '"
                                + field
                                + "' of redaction rule '"
                                + name
                                + "' must be ASCII of at least "
                                + minLength
                                + (minLength == 1 ? " character." : " characters."));
            }
            out.add(lit);
        }
        return out;
    }

    public List<RedactionRule> rules() {
        return rules;
    }

    public String replacement() {
        return replacement;
    }

    /**
     * Redacts every string field of the event in place, except {@code event.hash}; adds the names
     * of the rules that changed something to {@code runtrail.redacted}.
     *
     * @return the same event
     */
    public EcsDocument redact(EcsDocument event) {
        ScanBuffer buffer = SCAN_BUFFER.get();
        buffer.startDocument(this);
        Set<String> fired = null;
        boolean sourceTextDone = event.sourceTextRedacted();
        int n = event.fieldCount();
        // which fields are keyed, known at once for a document that keeps to a shared layout
        Object layout = event.sharedNames();
        boolean keyedKnown = layout != null && n <= 64;
        long keyedFields = keyedKnown ? buffer.keyedFields(layout, event, n) : 0;
        for (int i = 0; i < n; i++) {
            Object v = event.fieldValue(i);
            if (v instanceof String s) {
                String name;
                byte kind;
                if (sourceTextDone && event.isRedactedValue(i, s) || s.length() < shortestLiteral) {
                    // a value the reader redacted, or too short for any rule: done, unless the
                    // name is the key (EVTX puts winlog.event_data.Password as the reader's value)
                    if (keyedKnown
                            ? (keyedFields & 1L << i) == 0
                            : !buffer.keyedAt(i, event.fieldName(i))) {
                        continue;
                    }
                    name = event.fieldName(i);
                    kind = kindOf(name, buffer);
                } else if (buffer.wasClean(i, s, name = event.fieldName(i))) {
                    continue;
                } else {
                    kind = kindOf(name, buffer);
                    if ((kind & KEYED) == 0 && skipped(kind, sourceTextDone)) {
                        continue;
                    }
                }
                boolean keyed = (kind & KEYED) != 0;
                if (fired == null) {
                    fired = new LinkedHashSet<>(2);
                }
                int secretsBefore = buffer.secrets.size();
                String r =
                        keyed
                                ? redactKeyed(name, s, skipped(kind, sourceTextDone), fired, buffer)
                                : redact(s, fired, buffer);
                if (r != s) {
                    event.replaceFieldValue(i, r);
                    if (name.equals(Ecs.EVENT_ORIGINAL)) {
                        buffer.rawOriginal = s;
                        for (Secret secret :
                                buffer.secrets.subList(secretsBefore, buffer.secrets.size())) {
                            buffer.inOriginal.add(secret.text());
                        }
                    }
                } else if (!keyed) {
                    buffer.clean(i, s, name);
                }
            } else if (v instanceof List<?> list) {
                String name = event.fieldName(i);
                byte kind = kindOf(name, buffer);
                boolean keyed = (kind & KEYED) != 0;
                if (!keyed && skipped(kind, sourceTextDone)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                ListIterator<Object> it = ((List<Object>) list).listIterator();
                while (it.hasNext()) {
                    if (it.next() instanceof String s) {
                        if (fired == null) {
                            fired = new LinkedHashSet<>(2);
                        }
                        String r =
                                keyed
                                        ? redactKeyed(
                                                name,
                                                s,
                                                skipped(kind, sourceTextDone),
                                                fired,
                                                buffer)
                                        : redact(s, fired, buffer);
                        if (r != s) {
                            it.set(r);
                        }
                    }
                }
            }
        }
        if (!buffer.secrets.isEmpty()) {
            maskElsewhere(event, buffer);
        }
        if (fired != null) {
            addRuleNames(event, fired);
        }
        return event;
    }

    /**
     * The value of a keyed field redacted on its own (unless a reader did that already) and then as
     * {@code Name="value"}: the key of {@code "Password":"x"} in a JSON line, or of {@code <Data
     * Name="Password">} in an event's XML, is the field's name once parsed, not part of its value.
     * What a rule masks of the name alone is left: the name is not the field's value.
     */
    private String redactKeyed(
            String name,
            String value,
            boolean redactedAlone,
            Collection<String> fired,
            ScanBuffer buffer) {
        String alone = redactedAlone ? value : redact(value, fired, buffer);
        // quoted, so that a rule takes the whole value as the secret; a quote inside it becomes an
        // apostrophe, which keeps every character where it was
        String prefix = name.substring(name.lastIndexOf('.') + 1) + "=\"";
        // ("} after it: a secret that runs to white space takes a quote with it unless one of
        // , } ] : follows, as in JSON, and the value's own rules run before the key's)
        String text = prefix + alone.replace('"', '\'') + "\"}";
        Set<String> firedHere = new LinkedHashSet<>(2);
        int from = prefix.length();
        BitSet inValue = maskedBy(text, firedHere, buffer).get(from, from + alone.length());
        if (inValue.isEmpty()) {
            return alone;
        }
        for (int start = inValue.nextSetBit(0); start >= 0; ) {
            int end = inValue.nextClearBit(start);
            buffer.secrets.add(
                    new Secret(
                            alone.substring(start, end),
                            text.charAt(from + start - 1),
                            text.charAt(from + end)));
            start = inValue.nextSetBit(end);
        }
        fired.addAll(firedHere);
        return masked(alone, inValue);
    }

    /**
     * The characters of the text that the rules mask, found by masking it character by character
     * ({@link RedactionRule#apply} with no replacement), so that each keeps its place.
     */
    private BitSet maskedBy(String text, Collection<String> fired, ScanBuffer buffer) {
        String starred = redact(text, fired, buffer, null, null);
        BitSet marked = new BitSet(text.length());
        for (int k = 0; starred != text && k < text.length(); k++) {
            if (starred.charAt(k) != text.charAt(k)) {
                marked.set(k);
            }
        }
        return marked;
    }

    /**
     * Masks every other occurrence of each secret the pass masked, in {@code event.original} and in
     * the other fields: one the record spells with JSON escapes or XML references around or inside
     * it (a {@code \t} between {@code net} and {@code use}, a letter of {@code password} written as
     * a character code), one whose key is a field's name, one that occurs twice where the rules saw
     * it once, one that a message repeats. In the record the spellings are sought as received and
     * masked together with what the rules masked in it, so that neither cuts the other short. A
     * secret without a letter or digit is not sought (a password {@code -} is what Windows writes
     * for none); one of fewer than four characters is sought in the record alone, and not there
     * either when the rules masked it in the record itself.
     */
    private void maskElsewhere(EcsDocument event, ScanBuffer buffer) {
        List<Secret> inRecord = new ArrayList<>(buffer.secrets.size());
        List<Secret> inFields = new ArrayList<>(buffer.secrets.size());
        for (Secret secret : buffer.secrets) {
            String text = secret.text();
            if (text.chars().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            if (text.length() >= 4) {
                inFields.add(secret);
                inRecord.add(secret);
            } else if (!buffer.inOriginal.contains(text)) {
                inRecord.add(secret);
            }
        }
        for (int i = 0; !inRecord.isEmpty() && i < event.fieldCount(); i++) {
            String name = event.fieldName(i);
            if (!(event.fieldValue(i) instanceof String current)
                    || skipped(kindOf(name, buffer), false)) {
                continue;
            }
            if (name.equals(Ecs.EVENT_ORIGINAL)) {
                String raw = buffer.rawOriginal != null ? buffer.rawOriginal : current;
                int syntax = Spellings.syntax(raw);
                BitSet marked = Spellings.find(raw, inRecord, syntax);
                if (!marked.isEmpty()) {
                    if (buffer.rawOriginal != null) {
                        // what the rules masked in the record, widened to whole escapes: the
                        // spellings found are whole characters already, a rule's mask may not be
                        marked.or(maskedBy(raw, new LinkedHashSet<>(2), buffer));
                        Spellings.wholeCharacters(raw, marked, syntax);
                    }
                    event.replaceFieldValue(i, masked(raw, marked));
                }
            } else if (!inFields.isEmpty()) {
                BitSet marked = Spellings.find(current, inFields, Spellings.PLAIN);
                if (!marked.isEmpty()) {
                    event.replaceFieldValue(i, masked(current, marked));
                }
            }
        }
    }

    /**
     * The text with every spelling of each secret replaced: the secret as it is, or with any of its
     * characters written as a JSON escape (a backslash and {@code u} with four hex digits, {@code
     * \t}, {@code \"}, ...) in a record that is JSON, or as an XML reference ({@code &#65;}, {@code
     * &#x41;}, {@code &amp;}) or in CDATA in one that is XML. Only inside values (a JSON string
     * that is not a key, the text of an XML element), and only where each end of the secret stands
     * next to the start or end of the value, to what it stood next to where it was found, or to
     * white space or punctuation that separates words: {@code word} of {@code -Pass word} is not
     * masked in {@code keywords}, {@code 2024} not in {@code 2024-05-01}. For a raw record in which
     * the rules missed a secret that they masked in a value read from it.
     *
     * @return the masked text, or the same instance when no secret occurs in it
     */
    public String maskSpellings(String text, Collection<Secret> secrets) {
        int syntax = Spellings.syntax(text);
        BitSet marked = Spellings.find(text, secrets, syntax);
        return marked.isEmpty() ? text : masked(text, marked);
    }

    /** The text with each run of marked characters replaced. */
    private String masked(String text, BitSet marked) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int start = marked.nextSetBit(0); start >= 0; start = marked.nextSetBit(copied)) {
            out.append(text, copied, start).append(replacement);
            copied = marked.nextClearBit(start);
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * Adds to the event's {@code runtrail.redacted} the names of the rules that changed something
     * in it, wherever they ran (a reader's redaction of values, the masking of raw bytes, the
     * document pass).
     */
    public static void addRuleNames(EcsDocument event, Collection<String> rules) {
        for (String rule : rules) {
            event.add(Ecs.RUNTRAIL_REDACTED, rule);
        }
    }

    /** Whether the document pass leaves a field of this kind alone (unless it is keyed). */
    private static boolean skipped(byte kind, boolean sourceTextDone) {
        kind &= ~KEYED;
        return kind == UNTOUCHED_FIELD || sourceTextDone && kind == SOURCE_TEXT_FIELD;
    }

    private static final byte SCANNED_FIELD = 0;
    private static final byte UNTOUCHED_FIELD = 1;
    private static final byte SOURCE_TEXT_FIELD = 2;

    /** Added to a kind: the field is keyed (see {@link #kindOf}). */
    private static final byte KEYED = 4;

    /** A field name and what the document pass does with it. */
    private record FieldKind(String key, byte kind) {}

    /**
     * The kinds of the field names seen last, by hash code. Names repeat in every document and are
     * mostly the same String instances (the {@code Ecs} constants, the mapper's event data keys),
     * so a lookup is mostly one identity comparison, where telling {@link #UNTOUCHED} and {@link
     * #isSourceText} apart by comparing text took 3-4% of an EVTX parse. Shared by all threads
     * without locks: an entry is an immutable pair, so a reader sees a whole entry or none, and a
     * lost or overwritten one only means a name is looked at again. Per redactor, since whether a
     * name is {@link #KEYED keyed} depends on the rules.
     */
    private final FieldKind[] fieldKinds = new FieldKind[1024];

    /**
     * What the document pass does with a field of this name: {@link #SCANNED_FIELD}, {@link
     * #UNTOUCHED_FIELD} or {@link #SOURCE_TEXT_FIELD}, plus {@link #KEYED} when the last part of
     * the name (after its last dot) holds a literal of some rule, as {@code
     * winlog.event_data.Password} holds {@code password}. The value of a keyed field is also
     * redacted as the rules would redact {@code Name="value"} in text, so a secret is masked
     * whether its key is part of the text or the name of its field.
     */
    private byte kindOf(String key, ScanBuffer buffer) {
        int h = key.hashCode();
        int slot = (h ^ (h >>> 16)) & (fieldKinds.length - 1);
        FieldKind known = fieldKinds[slot];
        if (known != null && (known.key == key || known.key.equals(key))) {
            return known.kind;
        }
        byte kind;
        if (untouched(key)) {
            kind = UNTOUCHED_FIELD;
        } else {
            kind = isSourceText(key) ? SOURCE_TEXT_FIELD : SCANNED_FIELD;
            if (candidates(key.substring(key.lastIndexOf('.') + 1), buffer) != 0) {
                kind |= KEYED;
            }
        }
        fieldKinds[slot] = new FieldKind(key, kind);
        return kind;
    }

    /** Whether the key is one of {@link #UNTOUCHED} (asked once per name, see {@link #kindOf}). */
    private static boolean untouched(String key) {
        for (String k : UNTOUCHED) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fields a parser may have redacted value by value already (see {@link
     * EcsDocument#markSourceTextRedacted}).
     */
    private static boolean isSourceText(String key) {
        return key.startsWith(Ecs.WINLOG_EVENT_DATA) || key.equals(Ecs.EVENT_ORIGINAL);
    }

    /**
     * A secret a rule masked: its text, and the characters before and after it where it was found
     * (-1 at either end of the text).
     */
    public record Secret(String text, int before, int after) {
        static Secret at(String text, int start, int end) {
            return new Secret(
                    text.substring(start, end),
                    start > 0 ? text.charAt(start - 1) : -1,
                    end < text.length() ? text.charAt(end) : -1);
        }
    }

    /**
     * Redaction of single values for a parser that redacts a record's values as it reads them, with
     * a scan buffer of its own and the names of the rules that fired since {@link
     * ValueRedaction#clear}. Not thread-safe: one per reader.
     */
    public ValueRedaction forValues() {
        return new ValueRedaction();
    }

    /** See {@link #forValues()}. */
    public final class ValueRedaction {
        private final ScanBuffer buffer = new ScanBuffer();
        private final Set<String> fired = new LinkedHashSet<>(2);

        private ValueRedaction() {}

        /** The value redacted, or the same instance when no rule changed it. */
        public String redact(String value) {
            return Redactor.this.redact(value, fired, buffer, replacement, null);
        }

        /**
         * Whether no rule can change this text, nor any run of its characters: no rule finds one of
         * its literals and all the literals it requires in it, and a run holds none that the whole
         * does not. A parser whose record text passes may take the values that are runs of that
         * text as they are.
         */
        public boolean leavesAlone(String text) {
            if (text.length() < shortestLiteral) {
                return true;
            }
            long candidates = candidates(text, buffer);
            for (int r = 0; candidates != 0; r++, candidates >>>= 1) {
                if ((candidates & 1) != 0 && rules.get(r).requirementsMet(text)) {
                    return false;
                }
            }
            return true;
        }

        /** The names of the rules that changed a value since the last {@link #clear}. */
        public Set<String> fired() {
            return fired;
        }

        public void clear() {
            fired.clear();
        }
    }

    /**
     * Redacts one text.
     *
     * @param fired receives the names of the rules that changed the text
     * @return the redacted text, or the same instance when nothing matched
     */
    public String redact(String text, Collection<String> fired) {
        return redact(text, fired, SCAN_BUFFER.get(), replacement, null);
    }

    private String redact(String text, Collection<String> fired, ScanBuffer buffer) {
        return redact(text, fired, buffer, replacement, buffer.secrets);
    }

    /**
     * Masks the secrets that text inside binary bytes spells, in place of each of their bytes: the
     * bytes read as Latin-1 (ASCII and UTF-8 text) and as UTF-16LE from an even and from an odd
     * offset (Windows strings, as EVTX and registry data hold them). Each character of a secret
     * becomes {@code *} in the encoding it was read in, so the bytes keep their length and every
     * other byte its value. For raw records that are not text and are kept as base64: scanning
     * their base64 would find no secret, only look-alikes whose masking would corrupt the bytes.
     *
     * @param fired receives the names of the rules that masked something
     * @return the bytes masked in a copy, or the same array when nothing matched
     */
    public byte[] maskBytes(byte[] raw, Collection<String> fired) {
        ScanBuffer buffer = SCAN_BUFFER.get();
        byte[] out = maskView(raw, raw, 0, 1, fired, buffer);
        out = maskView(raw, out, 0, 2, fired, buffer);
        return maskView(raw, out, 1, 2, fired, buffer);
    }

    /**
     * {@link #maskBytes} for one way of reading the bytes: from {@code from}, one byte per
     * character (Latin-1) or two (UTF-16LE).
     *
     * @param out the bytes masked so far: {@code raw} itself until something is masked
     * @return {@code out}, or a copy of {@code raw} once this view masks something
     */
    private byte[] maskView(
            byte[] raw,
            byte[] out,
            int from,
            int width,
            Collection<String> fired,
            ScanBuffer buffer) {
        char[] units = new char[(out.length - from) / width];
        for (int i = 0; i < units.length; i++) {
            int at = from + width * i;
            units[i] =
                    (char)
                            (width == 1
                                    ? out[at] & 0xFF
                                    : (out[at] & 0xFF) | (out[at + 1] & 0xFF) << 8);
        }
        String view = new String(units);
        String masked = redact(view, fired, buffer, null, null);
        for (int i = 0; masked != view && i < units.length; i++) {
            if (masked.charAt(i) != units[i]) {
                out = out == raw ? raw.clone() : out;
                int at = from + width * i;
                out[at] = '*';
                if (width == 2) {
                    out[at + 1] = 0;
                }
            }
        }
        return out;
    }

    /**
     * @param replacement what a secret becomes; null masks it character by character (see {@link
     *     RedactionRule#apply})
     * @param secrets null, or receives each secret masked
     */
    private String redact(
            String text,
            Collection<String> fired,
            ScanBuffer buffer,
            String replacement,
            List<Secret> secrets) {
        long candidates = candidates(text, buffer);
        if (candidates == 0) {
            return text;
        }
        String current = text;
        for (int r = 0; r < rules.size(); r++) {
            if ((candidates & (1L << r)) == 0) {
                continue;
            }
            RedactionRule rule = rules.get(r);
            if (!rule.requirementsMet(current)) {
                continue;
            }
            String next = rule.apply(current, replacement, secrets);
            if (next != current) {
                fired.add(rule.name());
                current = next;
            }
        }
        return current;
    }

    /** One pass over the text: a bit per rule whose literal occurs (ASCII case-insensitive). */
    long candidates(String text) {
        return candidates(text, SCAN_BUFFER.get());
    }

    private long candidates(String text, ScanBuffer buffer) {
        int n = text.length();
        if (n < 2) {
            return 0;
        }
        // The low byte of each character is copied to a reused array (for Latin-1 text, which is
        // nearly all of it, a plain array copy), so every pair of bytes the scan looks at indexes
        // an 8 KB bitset of the case variants of the probed pairs without a range check; ordinary
        // text rarely hits it, and a hit is confirmed on the text's own characters.
        byte[] low = buffer.ofLength(n);
        getLowBytes(text, n, low);
        long found = 0;
        int last = n - 1;
        // The two loops differ only in their stride: a constant one compiles to a faster loop (one
        // method taking the stride as a parameter ran 15-20% slower under the launcher's inlining
        // limits). A pair that hits the bitset is looked at more closely in probe().
        if (step == 2) {
            for (int i = 0; i < last; i += 2) {
                int pair = (low[i] & 0xFF) << 8 | (low[i + 1] & 0xFF);
                if ((pairBits[pair >>> 6] & (1L << pair)) != 0) {
                    found = probe(text, low, n, i, found);
                }
            }
        } else {
            for (int i = 0; i < last; i++) {
                int pair = (low[i] & 0xFF) << 8 | (low[i + 1] & 0xFF);
                if ((pairBits[pair >>> 6] & (1L << pair)) != 0) {
                    found = probe(text, low, n, i, found);
                }
            }
        }
        return found;
    }

    /**
     * {@code found} with the bits of the literals probed by the pair at {@code i} that occur where
     * the pair places them.
     */
    private long probe(String text, byte[] low, int n, int i, long found) {
        for (Probe probe :
                byPair[lower((char) (low[i] & 0xFF)) * 128 + lower((char) (low[i + 1] & 0xFF))]) {
            Literal lit = probe.literal();
            if ((found & lit.bit()) == 0 && lit.occursAt(text, low, n, i - probe.offset())) {
                found |= lit.bit();
            }
        }
        return found;
    }

    /** The low eight bits of each of the first {@code n} characters. */
    @SuppressWarnings("deprecation")
    private static void getLowBytes(String text, int n, byte[] low) {
        // (the one String method that copies Latin-1 text as bytes into a given array)
        text.getBytes(0, n, low, 0);
    }

    /** A lower-case ASCII character and, for a letter, its upper-case form. */
    private static int[] caseVariants(int lower) {
        return lower >= 'a' && lower <= 'z' ? new int[] {lower, lower - 32} : new int[] {lower};
    }

    /** ASCII lower case, or -1 for non-ASCII characters (literals are ASCII). */
    private static int lower(char c) {
        if (c >= 128) {
            return -1;
        }
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
