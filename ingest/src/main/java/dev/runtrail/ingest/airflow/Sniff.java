package dev.runtrail.ingest.airflow;

import java.nio.charset.StandardCharsets;

/** Byte-level helpers for the formats' {@code sniff} methods. */
final class Sniff {
    private Sniff() {}

    /** Index of the first byte that is not a BOM, space or line break, or -1. */
    static int firstContent(byte[] head) {
        int p = 0;
        if (head.length >= 3
                && (head[0] & 0xff) == 0xEF
                && (head[1] & 0xff) == 0xBB
                && (head[2] & 0xff) == 0xBF) {
            p = 3;
        }
        while (p < head.length
                && (head[p] == ' ' || head[p] == '\n' || head[p] == '\r' || head[p] == '\t')) {
            p++;
        }
        return p < head.length ? p : -1;
    }

    /**
     * Whether the head starts like a JSON object or an array of objects ({@code [} then {@code {}
     * or {@code ]}); an Airflow text log line also starts with {@code [}, followed by its date.
     */
    static boolean startsJson(byte[] head) {
        int p = firstContent(head);
        if (p < 0) {
            return false;
        }
        if (head[p] == '{') {
            return true;
        }
        if (head[p] != '[') {
            return false;
        }
        p++;
        while (p < head.length
                && (head[p] == ' ' || head[p] == '\n' || head[p] == '\r' || head[p] == '\t')) {
            p++;
        }
        return p == head.length || head[p] == '{' || head[p] == ']';
    }

    static boolean contains(byte[] head, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= head.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (head[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether {@link #firstLine} can start with the ASCII character {@code c}, judged from one
     * byte: a first byte above the space stays the first character after trimming, so any other one
     * rules {@code c} out (control characters below the space are left to the full check).
     */
    static boolean firstLineMayStartWith(byte[] head, char c) {
        int p = firstContent(head);
        if (p < 0) {
            return false;
        }
        int b = head[p] & 0xff;
        return b <= ' ' || b == c;
    }

    /** The first line of the head (without BOM and leading blank lines) as text. */
    static String firstLine(byte[] head) {
        int p = firstContent(head);
        if (p < 0) {
            return "";
        }
        int end = p;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        return new String(head, p, end - p, StandardCharsets.UTF_8).trim();
    }
}
