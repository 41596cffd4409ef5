package dev.runtrail.ingest.windows.json;

import java.nio.charset.StandardCharsets;

/** What the JSON-lines Windows formats look at to recognise their input. */
final class WindowsJsonFormats {
    private WindowsJsonFormats() {}

    /** The first non-blank line of the head, or "" when it does not start a JSON object. */
    static String firstObjectLine(byte[] head) {
        int start = 0;
        if (head.length >= 3
                && (head[0] & 0xff) == 0xEF
                && (head[1] & 0xff) == 0xBB
                && (head[2] & 0xff) == 0xBF) {
            start = 3;
        }
        while (start < head.length && Character.isWhitespace(head[start])) {
            start++;
        }
        if (start >= head.length || head[start] != '{') {
            return "";
        }
        int end = start;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        return new String(head, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
