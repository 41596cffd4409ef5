package dev.runtrail.ingest.proxy;

/**
 * Envoy's JSON access log with its documented default keys ({@code start_time}, {@code method},
 * {@code path}, {@code response_code}, {@code duration}, ...). Envoy lets operators choose any key
 * set, so this is the built-in {@code envoy} {@link JsonMapping}; other key sets use {@code
 * proxy-json-mapped} with a mapping file.
 */
public final class EnvoyJsonFormat extends MappedJsonFormat {
    /** Format name. */
    public static final String NAME = "envoy-json";

    public EnvoyJsonFormat() {
        super(NAME, JsonMapping.builtIn("envoy"));
    }
}
