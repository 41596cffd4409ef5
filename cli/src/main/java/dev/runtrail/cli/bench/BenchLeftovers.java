package dev.runtrail.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.templates.ClusterCapabilities;
import dev.runtrail.sinks.templates.IndexTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Removes what a bench run wrote to an Elasticsearch node or Kafka broker that outlives the bench
 * ({@code --es}, {@code --kafka}, {@code --kafka-out}): its indices and templates, its topics.
 * Synthetic audit records left there would turn up in a user's searches and dashboards.
 */
final class BenchLeftovers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchLeftovers() {}

    /** One clean-up step; it returns the names of what it removed. */
    interface Removal {
        Collection<String> run() throws IOException;
    }

    /**
     * Runs a clean-up step and says on stderr what it removed. A failure (a node that refuses the
     * delete, a broker gone) is reported, not thrown: it must neither hide the bench's own outcome
     * nor stop the runs still to come, which write under names of their own.
     */
    static void remove(Removal removal) {
        try {
            Collection<String> removed = removal.run();
            if (!removed.isEmpty()) {
                System.err.println("removed what the bench wrote: " + String.join(", ", removed));
            }
        } catch (IOException e) {
            System.err.println("could not remove what the bench wrote: " + e.getMessage());
        }
    }

    /**
     * Deletes the indices {@code prefix-*} by name (a node may refuse wildcard deletes: {@code
     * action.destructive_requires_name}), then the index and component templates installed for
     * {@code prefix}.
     *
     * @return the names of the indices and templates deleted
     */
    static List<String> deleteIndices(String url, String prefix) throws IOException {
        List<String> deleted = new ArrayList<>();
        try (RestClient rest = RestClient.builder(HttpHost.create(url)).build()) {
            JsonNode resolved;
            try (InputStream in =
                    rest.performRequest(new Request("GET", "/_resolve/index/" + prefix + "-*"))
                            .getEntity()
                            .getContent()) {
                resolved = JSON.readTree(in);
            }
            List<String> indices = new ArrayList<>();
            for (JsonNode index : resolved.path("indices")) {
                indices.add(index.path("name").asText());
            }
            if (!indices.isEmpty()) {
                rest.performRequest(new Request("DELETE", "/" + String.join(",", indices)));
                deleted.addAll(indices);
            }
            // the names do not depend on what the cluster supports
            IndexTemplates templates = new IndexTemplates(prefix, ClusterCapabilities.CORE);
            List<String> paths = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                paths.add("/_index_template/" + templates.indexTemplateName(kind));
            }
            // (after the index templates that are composed of them)
            for (String component : templates.componentTemplates().keySet()) {
                paths.add("/_component_template/" + component);
            }
            for (String path : paths) {
                if (deleteIfPresent(rest, path)) {
                    deleted.add(path.substring(path.lastIndexOf('/') + 1));
                }
            }
        }
        return deleted;
    }

    private static boolean deleteIfPresent(RestClient rest, String path) throws IOException {
        try {
            rest.performRequest(new Request("DELETE", path));
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Deletes the topics whose names start with {@code prefix}.
     *
     * @return their names
     */
    static Set<String> deleteTopics(String bootstrap, String prefix) throws IOException {
        try (Admin admin = admin(bootstrap)) {
            Set<String> topics = new TreeSet<>();
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (topic.startsWith(prefix)) {
                    topics.add(topic);
                }
            }
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
            return topics;
        } catch (Exception e) {
            throw failure("delete the topics " + prefix + "*", e);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    private static IOException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IOException("Could not " + what + ": " + e.getMessage(), e);
    }
}
