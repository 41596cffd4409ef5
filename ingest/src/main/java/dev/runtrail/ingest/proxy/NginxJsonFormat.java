package dev.runtrail.ingest.proxy;

/**
 * nginx access logs written with {@code log_format ... escape=json}, keyed by nginx variable names
 * ({@code remote_addr}, {@code time_local}/{@code time_iso8601}, {@code request}, {@code status},
 * ...): the built-in {@code nginx-json} {@link JsonMapping}.
 */
public final class NginxJsonFormat extends MappedJsonFormat {
    /** Format name. */
    public static final String NAME = "nginx-json";

    public NginxJsonFormat() {
        super(NAME, JsonMapping.builtIn("nginx-json"));
    }
}
