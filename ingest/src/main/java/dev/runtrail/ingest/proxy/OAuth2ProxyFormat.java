package dev.runtrail.ingest.proxy;

import dev.runtrail.model.SourceRef;

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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String dataset() {
        return DATASET;
    }

    @Override
    ProxyLineParser parser(SourceRef source) {
        return new OAuth2ProxyLineParser(source, NAME, 0);
    }

    @Override
    String fileHint() {
        return "oauth2";
    }
}
