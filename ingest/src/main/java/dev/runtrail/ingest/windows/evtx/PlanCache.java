package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.windows.evtx.binxml.Node;
import dev.runtrail.ingest.windows.evtx.binxml.Template;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link TemplatePlan}s of one file. Every chunk carries its own copy of the templates its
 * records use, so a plan is looked up by the parsed template body (equal bodies render alike,
 * wherever in the file they were defined) and compiled once per file rather than once per chunk.
 * The template GUID is the hash key: it is cheap, and a body compared equal decides, so a GUID
 * reused for another body (by accident or by a crafted file) only costs a miss.
 */
final class PlanCache {
    /** Bound on bodies kept, so odd or hostile files cannot grow the cache forever. */
    private static final int MAX_PLANS = 1024;

    private final Map<Key, TemplatePlan> plans = new HashMap<>();
    private final Map<Key, TemplatePlan> nestedPlans = new HashMap<>();

    /**
     * The same plans by the identity of the body list: chunks that reuse a body parsed before (see
     * {@link dev.runtrail.ingest.windows.evtx.binxml.TemplateBodies}) find it here without
     * comparing bodies, which is slow when several templates of a file share a GUID.
     */
    private final Map<List<Node>, TemplatePlan> byBody = new IdentityHashMap<>();

    private final Map<List<Node>, TemplatePlan> nestedByBody = new IdentityHashMap<>();

    /** A template body, hashed by its GUID. */
    private record Key(String guid, List<Node> body) {
        @Override
        public int hashCode() {
            return guid.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && guid.equals(k.guid) && body.equals(k.body);
        }
    }

    /**
     * The plan for a template instantiated by a record ({@code nested} false) or in a value under
     * the root element ({@code nested} true); null when it needs the general walk.
     */
    TemplatePlan plan(Template template, boolean nested) {
        Map<List<Node>, TemplatePlan> identities = nested ? nestedByBody : byBody;
        TemplatePlan known = identities.get(template.body());
        if (known != null || identities.containsKey(template.body())) {
            return known;
        }
        Map<Key, TemplatePlan> cache = nested ? nestedPlans : plans;
        Key key = new Key(template.guid(), template.body());
        TemplatePlan plan;
        if (cache.containsKey(key)) {
            plan = cache.get(key);
        } else {
            plan = nested ? TemplatePlan.compileNested(template) : TemplatePlan.compile(template);
            if (cache.size() >= MAX_PLANS) {
                cache.clear();
            }
            cache.put(key, plan);
        }
        if (identities.size() >= MAX_PLANS) {
            identities.clear();
        }
        identities.put(template.body(), plan);
        return plan;
    }
}
