package dev.runtrail.sinks.elasticsearch;

/** The Elasticsearch sink cannot go on; the job fails and restarts from its last checkpoint. */
public class ElasticsearchSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ElasticsearchSinkException(String message) {
        super(message);
    }

    public ElasticsearchSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
