package dev.runtrail.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures the CLI's own logs: human-readable lines or JSON (Logstash encoder) on stderr, so that
 * stdout stays free for data (NDJSON).
 */
final class Logging {
    private Logging() {}

    enum Format {
        text,
        json
    }

    static void configure(Format format, boolean verbose) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (format == Format.json) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(context);
            json.start();
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(context);
            text.setPattern("%d{HH:mm:ss} %-5level %logger{0} - %msg%n");
            text.start();
            encoder = text;
        }
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(verbose ? Level.DEBUG : Level.INFO);
        // Framework chatter (a local MiniCluster warns about its missing web UI log files, token
        // managers, long operator names) stays out of the user's terminal unless asked for;
        // failures still end the command with an error message.
        for (String noisy :
                new String[] {
                    "org.apache.flink",
                    "org.apache.kafka",
                    "kafka",
                    "state.change.logger",
                    "org.apache.pekko",
                    "org.elasticsearch.client",
                    "co.elastic.clients"
                }) {
            context.getLogger(noisy).setLevel(verbose ? Level.INFO : Level.ERROR);
        }
    }
}
