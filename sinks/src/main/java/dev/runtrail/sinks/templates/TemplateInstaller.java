package dev.runtrail.sinks.templates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runtrail.model.Kind;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs runtrail's component and index templates and makes sure each kind's alias exists by
 * creating the current month's index. Every step is a PUT of the full definition or a create that
 * tolerates "already exists", so running it again (every job start, every {@code runtrail setup})
 * changes nothing.
 */
public final class TemplateInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateInstaller.class);

    private final RestClient client;
    private final Clock clock;

    public TemplateInstaller(RestClient client) {
        this(client, Clock.systemUTC());
    }

    public TemplateInstaller(RestClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** What one installation did. */
    public record Result(
            ClusterCapabilities capabilities,
            List<String> templates,
            List<String> createdIndices) {}

    /** Probes the cluster's field types, then installs the templates for {@code prefix}. */
    public Result install(String prefix) throws IOException {
        return install(new IndexTemplates(prefix, ClusterCapabilities.probe(client)));
    }

    public Result install(IndexTemplates templates) throws IOException {
        List<String> installed = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : templates.componentTemplates().entrySet()) {
            put("/_component_template/" + e.getKey(), e.getValue());
            installed.add(e.getKey());
        }
        for (Kind kind : Kind.values()) {
            String name = templates.indexTemplateName(kind);
            put("/_index_template/" + name, templates.indexTemplate(kind));
            installed.add(name);
        }
        List<String> created = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String index = IndexNames.monthly(templates.prefix(), kind, clock.instant());
            if (createIfAbsent(index)) {
                created.add(index);
            }
        }
        LOG.info(
                "Installed {} templates for prefix {} ({}); created indices {}",
                installed.size(),
                templates.prefix(),
                templates.capabilities(),
                created);
        return new Result(templates.capabilities(), installed, created);
    }

    private void put(String endpoint, ObjectNode body) throws IOException {
        Request request = new Request("PUT", endpoint);
        request.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        client.performRequest(request);
    }

    /** Creates an index from its template; false when it already existed. */
    private boolean createIfAbsent(String index) throws IOException {
        try {
            client.performRequest(new Request("PUT", "/" + index));
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 400
                    && e.getMessage().contains("resource_already_exists_exception")) {
                return false;
            }
            throw e;
        }
    }
}
