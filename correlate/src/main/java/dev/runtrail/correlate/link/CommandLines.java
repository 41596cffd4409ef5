package dev.runtrail.correlate.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recognizes a process command line that runs an Airflow task: {@code airflow tasks run <dag>
 * <task> <run_id> [--map-index N] ...}, also through {@code python -m airflow}. A small tokenizer
 * (quotes, whitespace) instead of a regular expression, because it runs for every 4688.
 */
public final class CommandLines {
    private CommandLines() {}

    /** Options of {@code airflow tasks run} that take a value, so the value is not positional. */
    private static final Set<String> OPTIONS_WITH_VALUE =
            Set.of(
                    "--map-index",
                    "--pool",
                    "--cfg-path",
                    "-S",
                    "--subdir",
                    "-p",
                    "--pickle",
                    "--job-id",
                    "--depends-on-past",
                    "-d");

    /** The attempt a command line runs (try number is not on the command line). */
    public record Invocation(String dagId, String taskId, String runId, long mapIndex) {}

    /** The invocation named by the command line, or null when it is not {@code tasks run}. */
    public static Invocation parse(String commandLine) {
        if (commandLine == null || commandLine.indexOf("airflow") < 0) {
            return null;
        }
        List<String> tokens = tokens(commandLine);
        for (int i = 1; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).equals("tasks")
                    && tokens.get(i + 1).equals("run")
                    && tokens.get(i - 1).toLowerCase().contains("airflow")) {
                return arguments(tokens, i + 2);
            }
        }
        return null;
    }

    private static Invocation arguments(List<String> tokens, int from) {
        List<String> positional = new ArrayList<>(3);
        long mapIndex = -1;
        for (int i = from; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.startsWith("--map-index=")) {
                mapIndex = parseLong(t.substring("--map-index=".length()));
            } else if (OPTIONS_WITH_VALUE.contains(t)) {
                if (t.equals("--map-index") && i + 1 < tokens.size()) {
                    mapIndex = parseLong(tokens.get(i + 1));
                }
                i++;
            } else if (!t.startsWith("-")) {
                positional.add(t);
            }
        }
        if (positional.size() < 3) {
            return null;
        }
        return new Invocation(positional.get(0), positional.get(1), positional.get(2), mapIndex);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Splits on whitespace; double or single quotes group, and are removed. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(current.toString());
        }
        return out;
    }
}
