package dev.runtrail.ingest.proxy;

import dev.runtrail.model.SourceRef;
import java.time.ZoneOffset;

/**
 * oauth2-proxy's log: request lines, auth lines ({@code [AuthSuccess]}, {@code [AuthFailure]},
 * {@code [AuthError]}) and standard lines, in the v7 layout (with request id), the v5/v6 layout
 * (without) and the legacy bitly/oauth2_proxy layout (Apache-style timestamps). See {@link
 * OAuth2ProxyLineParser} for what is a record and what is dead-lettered.
 */
public final class OAuth2ProxyFormat extends ProxyTextFormat {
    /** Format name. */
    public static final String NAME = "oauth2-proxy";

    /** Dataset of its events. */
    public static final String DATASET = "proxy.oauth2_proxy";

    /**
     * System property with the UTC offset (e.g. {@code +02:00}) of the zone oauth2-proxy ran in,
     * for its zone-less {@code yyyy/MM/dd HH:mm:ss} times; UTC when unset, as in its images.
     */
    public static final String OFFSET_PROPERTY = "runtrail.oauth2proxy.utc-offset";

    private final ZoneOffset offset;

    /** Times without a zone are read in the offset of {@value #OFFSET_PROPERTY}, else UTC. */
    public OAuth2ProxyFormat() {
        this(configuredOffset());
    }

    /** Times without a zone are read in this offset. */
    public OAuth2ProxyFormat(ZoneOffset offset) {
        super(NAME, DATASET, "oauth2");
        this.offset = offset;
    }

    private static ZoneOffset configuredOffset() {
        String v = System.getProperty(OFFSET_PROPERTY);
        if (v == null || v.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneOffset.of(v.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(
                    OFFSET_PROPERTY + " must be a UTC offset such as +02:00, not '" + v + "'.", e);
        }
    }

    @Override
    ProxyLineParser parser(SourceRef source) {
        return new OAuth2ProxyLineParser(source, NAME, offset.getTotalSeconds());
    }
}
