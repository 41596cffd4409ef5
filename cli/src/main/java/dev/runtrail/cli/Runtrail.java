package dev.runtrail.cli;

import dev.runtrail.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code runtrail} command. */
@Command(
        name = "runtrail",
        mixinStandardHelpOptions = true,
        versionProvider = Runtrail.Version.class,
        description = {
            "Joins Airflow DAG runs, Windows logon sessions and proxy identities into audit"
                    + " records.",
            ""
        },
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            ImportCommand.class,
            StreamCommand.class,
            ParseCommand.class,
            ShipCommand.class,
            SetupCommand.class,
            BenchCommand.class,
            EsCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:everything was read and delivered",
            "1:usage error (unknown option, missing argument)",
            "2:input/IO error (unreadable file, unreachable service)",
            "3:finished, but some records were dead-lettered"
        })
public final class Runtrail {
    @Option(
            names = "--log-format",
            defaultValue = "text",
            scope = ScopeType.INHERIT,
            description =
                    "Log output on stderr: text or json (Logstash encoder). Default: ${DEFAULT-VALUE}.")
    void logFormat(Logging.Format format) {
        this.format = format;
        Logging.configure(format, verbose);
    }

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Debug logging.")
    void verbose(boolean value) {
        this.verbose = value;
        Logging.configure(format, value);
    }

    private Logging.Format format = Logging.Format.text;
    private boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests and the launcher). */
    public static int execute(String... args) {
        Logging.configure(Logging.Format.text, false);
        CommandLine cli = new CommandLine(new Runtrail());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        addHelpOptions(cli);
        cli.setParameterExceptionHandler(
                (ex, arguments) -> {
                    CommandLine cmd = ex.getCommandLine();
                    cmd.getErr().println("runtrail: " + ex.getMessage());
                    if (!CommandLine.UnmatchedArgumentException.printSuggestions(
                            ex, cmd.getErr())) {
                        cmd.getErr()
                                .println(
                                        "See '"
                                                + cmd.getCommandSpec().qualifiedName()
                                                + " --help'.");
                    }
                    return ExitCodes.USAGE;
                });
        cli.setExecutionExceptionHandler(
                (ex, cmd, parseResult) -> {
                    cmd.getErr().println("runtrail: " + describe(ex));
                    return ex instanceof SettingsException ? ExitCodes.USAGE : ExitCodes.IO;
                });
        return cli.execute(args);
    }

    /** Every command and subcommand answers {@code --help} (and {@code --version}). */
    private static void addHelpOptions(CommandLine command) {
        command.getCommandSpec().mixinStandardHelpOptions(true);
        command.getSubcommands().values().forEach(Runtrail::addHelpOptions);
    }

    /**
     * The error for stderr: the messages along the cause chain, each once. When a job failed
     * because of one of runtrail's own exceptions (the Elasticsearch sink's, say), the chain starts
     * there: the wrapping by the future and by Flink ("Job execution failed.: Recovery is
     * suppressed by NoRestartBackoffTimeStrategy: ...") adds nothing to it.
     */
    static String describe(Throwable ex) {
        Throwable own = isOwn(ex) ? null : ownCause(ex);
        return own == null ? messages(ex) : "the job failed: " + messages(own);
    }

    private static String messages(Throwable ex) {
        StringBuilder message = new StringBuilder(String.valueOf(ex.getMessage()));
        for (Throwable cause = ex.getCause();
                cause != null && cause != ex;
                cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return message.toString();
    }

    /** The outermost of runtrail's own exceptions with a message among the causes, or null. */
    private static Throwable ownCause(Throwable ex) {
        Throwable cause = ex.getCause();
        for (int depth = 0; cause != null && depth < 32; depth++) {
            if (isOwn(cause) && cause.getMessage() != null) {
                return cause;
            }
            cause = cause.getCause();
        }
        return null;
    }

    private static boolean isOwn(Throwable ex) {
        return ex.getClass().getName().startsWith("dev.runtrail.");
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Runtrail.class.getPackage().getImplementationVersion();
            return new String[] {"runtrail " + (v == null ? "(development build)" : v)};
        }
    }
}
