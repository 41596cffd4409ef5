package dev.runtrail.ingest.windows.csv;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV record (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
final class CsvFields {
    private CsvFields() {}

    /** The fields of the record; null when a quoted field is not closed. */
    static List<String> split(String record) {
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = record.length();
        while (true) {
            field.setLength(0);
            if (i < n && record.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return null;
                    }
                    char c = record.charAt(i++);
                    if (c == '"') {
                        if (i < n && record.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                // text between the closing quote and the next comma is kept, as spreadsheets do
                while (i < n && record.charAt(i) != ',') {
                    field.append(record.charAt(i++));
                }
            } else {
                int comma = record.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                field.append(record, i, end);
                i = end;
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** Whether the bytes leave a quoted field open (an odd number of quotes). */
    static boolean opensQuote(byte[] bytes, boolean open) {
        for (byte b : bytes) {
            if (b == '"') {
                open = !open;
            }
        }
        return open;
    }
}
