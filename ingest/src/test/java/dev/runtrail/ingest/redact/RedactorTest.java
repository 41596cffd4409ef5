package dev.runtrail.ingest.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Positive and negative examples per default rule, and the event-level contract. */
class RedactorTest {
    private static final Redactor R = Redactor.defaults();

    static Stream<Arguments> secrets() {
        return Stream.of(
                // rule, input, expected
                Arguments.of(
                        "net-use-password",
                        "net use \\\\fs01\\share /user:CORP\\svc_etl P@ss w0rd",
                        "net use \\\\fs01\\share /user:CORP\\svc_etl [REDACTED] w0rd"),
                Arguments.of(
                        "net-use-password",
                        "cmd /c NET.EXE use Z: \\\\fs01\\c$ /u:admin \"Secr et!\" /persistent:no",
                        "cmd /c NET.EXE use Z: \\\\fs01\\c$ /u:admin \"[REDACTED]\" /persistent:no"),
                Arguments.of(
                        "net-use-password",
                        "net use Z: \\\\fs01\\share Hunter2 /user:corp\\bob",
                        "net use Z: \\\\fs01\\share [REDACTED] /user:corp\\bob"),
                Arguments.of(
                        "powershell-password-parameter",
                        "New-LocalUser -Name svc -Password 'Winter2024!' -Description x",
                        "New-LocalUser -Name svc -Password '[REDACTED]' -Description x"),
                Arguments.of(
                        "powershell-password-parameter",
                        "Connect-Thing -Pwd:hunter2 -Verbose",
                        "Connect-Thing -Pwd:[REDACTED] -Verbose"),
                Arguments.of(
                        "powershell-securestring",
                        "$p = ConvertTo-SecureString 'Tr0ub4dor&3' -AsPlainText -Force",
                        "$p = ConvertTo-SecureString '[REDACTED]' -AsPlainText -Force"),
                Arguments.of(
                        "powershell-securestring",
                        "ConvertTo-SecureString -AsPlainText -Force -String \"abc def\"",
                        "ConvertTo-SecureString -AsPlainText -Force -String \"[REDACTED]\""),
                Arguments.of(
                        "powershell-securestring",
                        "$s = 'piped-secret' | ConvertTo-SecureString -AsPlainText -Force",
                        "$s = '[REDACTED]' | ConvertTo-SecureString -AsPlainText -Force"),
                Arguments.of(
                        "password-key-value",
                        "login ok user=bob password=s3cr3t&next=/",
                        "login ok user=bob password=[REDACTED]&next=/"),
                Arguments.of(
                        "password-key-value",
                        "Server=db;User ID=sa;Pwd=Sup3r;Encrypt=true",
                        "Server=db;User ID=sa;Pwd=[REDACTED];Encrypt=true"),
                Arguments.of(
                        "password-key-value",
                        "{\"login\": \"bob\", \"passwd\": \"x y z\"}",
                        "{\"login\": \"bob\", \"passwd\": \"[REDACTED]\"}"),
                Arguments.of(
                        "password-key-value",
                        "DB_PASSWORD=abc123 ./run.sh",
                        "DB_PASSWORD=[REDACTED] ./run.sh"),
                Arguments.of(
                        "password-key-value", "export db_pwd=abc123", "export db_pwd=[REDACTED]"),
                Arguments.of(
                        "password-key-value",
                        "Driver={ODBC};PWD=s3cr3t;UID=sa",
                        "Driver={ODBC};PWD=[REDACTED];UID=sa"),
                Arguments.of(
                        "uri-credentials",
                        "connecting to postgresql://etl_user:p%40ss@db.internal:5432/warehouse",
                        "connecting to postgresql://etl_user:[REDACTED]@db.internal:5432/warehouse"),
                Arguments.of(
                        "authorization-header",
                        "Authorization: Basic dXNlcjpwYXNzd29yZA==",
                        "Authorization: Basic [REDACTED]"),
                Arguments.of(
                        "authorization-header",
                        "curl -H 'Proxy-Authorization: Bearer abc.def.ghi-12345' http://x/",
                        "curl -H 'Proxy-Authorization: Bearer [REDACTED]' http://x/"),
                Arguments.of(
                        "bearer-token",
                        "token used: bearer 0123456789abcdefXYZ",
                        "token used: bearer [REDACTED]"),
                Arguments.of(
                        "jwt",
                        "id_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJlLXBhcnQ",
                        "id_token=[REDACTED]"),
                Arguments.of(
                        "aws-access-key-id",
                        "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
                        "export AWS_ACCESS_KEY_ID=[REDACTED]"),
                Arguments.of(
                        "aws-secret-access-key",
                        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "aws_secret_access_key = [REDACTED]"),
                Arguments.of(
                        "airflow-conn-env",
                        "AIRFLOW_CONN_WINRM_DEFAULT=winrm://svc:Pa55@host:5986/?transport=ntlm airflow tasks run",
                        "AIRFLOW_CONN_WINRM_DEFAULT=[REDACTED] airflow tasks run"),
                Arguments.of(
                        "airflow-conn-env",
                        "AIRFLOW_CONN_MSSQL='{\"conn_type\": \"mssql\", \"login\": \"sa\"}' python x.py",
                        "AIRFLOW_CONN_MSSQL='[REDACTED]' python x.py"),
                Arguments.of(
                        "cli-password-flag",
                        "airflow users create --username admin --password admin123 --role Admin",
                        "airflow users create --username admin --password [REDACTED] --role Admin"),
                Arguments.of(
                        "cli-password-flag",
                        "mysqldump -u root -pS3cret warehouse",
                        "mysqldump -u root -p[REDACTED] warehouse"),
                Arguments.of(
                        "cli-password-flag",
                        "sshpass -p 'hunter2' ssh deploy@host",
                        "sshpass -p [REDACTED] ssh deploy@host"),
                Arguments.of(
                        "cli-user-password-pair",
                        "PsExec.exe \\\\srv01 -u CORP\\adm -p S3cr3t! cmd.exe /c whoami",
                        "PsExec.exe \\\\srv01 -u CORP\\adm -p [REDACTED] cmd.exe /c whoami"),
                Arguments.of(
                        "cli-user-password-pair",
                        // mitre_Hidden_user_creation_4720_4728.evtx, record 1934512
                        "CreateHiddenAccount_upx_v0.2.exe  -u 3teamssixf -p Passw0rd",
                        "CreateHiddenAccount_upx_v0.2.exe  -u 3teamssixf -p [REDACTED]"),
                Arguments.of(
                        "cli-user-password-pair",
                        "psexec \\\\h -p \"two words\" -u adm cmd",
                        "psexec \\\\h -p \"[REDACTED]\" -u adm cmd"),
                // In raw XML (a windows-xml export) the markup follows a value without a space;
                // the secret ends there.
                Arguments.of(
                        "cli-user-password-pair",
                        "<Data Name=\"CommandLine\">tool -u a -p Passw0rd</Data></EventData>",
                        "<Data Name=\"CommandLine\">tool -u a -p [REDACTED]</Data></EventData>"),
                Arguments.of(
                        "cli-password-flag",
                        "<Data>mysql -u root -pS3cret</Data>",
                        "<Data>mysql -u root -p[REDACTED]</Data>"),
                Arguments.of(
                        "cli-password-flag",
                        "<Data>app --password hunter2</Data>",
                        "<Data>app --password [REDACTED]</Data>"),
                Arguments.of(
                        "cli-password-flag",
                        "<Data>sshpass -p hunter2</Data>",
                        "<Data>sshpass -p [REDACTED]</Data>"),
                Arguments.of(
                        "net-use-password",
                        "<Data>net use \\\\fs\\s /user:x P@ss</Data>",
                        "<Data>net use \\\\fs\\s /user:x [REDACTED]</Data>"),
                Arguments.of(
                        "net-use-password",
                        "<Data>net use \\\\fs\\s P@ss</Data>",
                        "<Data>net use \\\\fs\\s [REDACTED]</Data>"),
                Arguments.of(
                        "powershell-password-parameter",
                        "<Data>New-LocalUser -Name a -Password Winter24</Data>",
                        "<Data>New-LocalUser -Name a -Password [REDACTED]</Data>"),
                Arguments.of(
                        "password-key-value",
                        "<Data>password=hunter2</Data>",
                        "<Data>password=[REDACTED]</Data>"),
                Arguments.of(
                        "airflow-conn-env",
                        "<Data>AIRFLOW_CONN_DB=opaque-token</Data>",
                        "<Data>AIRFLOW_CONN_DB=[REDACTED]</Data>"),
                // In a JSON line (a Winlogbeat export) the next key follows the closing quote.
                Arguments.of(
                        "net-use-password",
                        "{\"CommandLine\":\"net use \\\\\\\\fs\\\\s /user:x P@ss\",\"Parent\":\"c\"}",
                        "{\"CommandLine\":\"net use \\\\\\\\fs\\\\s /user:x [REDACTED]\",\"Parent\":\"c\"}"),
                Arguments.of(
                        "powershell-password-parameter",
                        "{\"c\":\"Set-X -Password Winter24\"}",
                        "{\"c\":\"Set-X -Password [REDACTED]\"}"),
                Arguments.of(
                        "cli-password-flag",
                        "{\"c\":\"app --password hunter2\",\"d\":1}",
                        "{\"c\":\"app --password [REDACTED]\",\"d\":1}"),
                Arguments.of(
                        "cli-password-flag",
                        "[\"sshpass -p hunter2\"]",
                        "[\"sshpass -p [REDACTED]\"]"),
                // ... while a quote inside a command-line word is part of the secret
                Arguments.of(
                        "net-use-password",
                        "net use \\\\fs\\s /user:x pa\"ss",
                        "net use \\\\fs\\s /user:x [REDACTED]"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("secrets")
    void redactsSecrets(String rule, String input, String expected) {
        Set<String> fired = new LinkedHashSet<>();
        assertThat(R.redact(input, fired)).isEqualTo(expected);
        assertThat(fired).contains(rule);
    }

    /**
     * The literals of {@code net-use-password} list "net" followed by each white-space character of
     * the patterns' {@code \s} and by ".exe" instead of "net" alone: each of those spellings must
     * still be redacted.
     */
    @ParameterizedTest(name = "net{0}use")
    @ValueSource(strings = {" ", "\t", "\n", "\u000B", "\f", "\r", " \t ", ".exe ", ".EXE\t"})
    void netUseIsRedactedAfterEveryWhiteSpaceTheRuleAccepts(String between) {
        Set<String> fired = new LinkedHashSet<>();
        String command = "cmd /c NET" + between + "use \\\\fs01\\c$ /user:corp\\bob Hunter2";
        assertThat(R.redact(command, fired)).endsWith("/user:corp\\bob [REDACTED]");
        assertThat(fired).containsExactly("net-use-password");
    }

    /**
     * The literals of {@code cli-user-password-pair} are "-p" followed by each white-space
     * character of the patterns' {@code \s}: each of those must still be redacted, in both orders
     * of the flags.
     */
    @ParameterizedTest(name = "-p{0}SECRET")
    @ValueSource(strings = {" ", "\t", "\n", "\u000B", "\f", "\r", " \t "})
    void aUserPasswordPairIsRedactedAfterEveryWhiteSpaceTheRuleAccepts(String between) {
        Set<String> fired = new LinkedHashSet<>();
        assertThat(R.redact("psexec \\\\srv -u corp\\adm -p" + between + "S3cret cmd", fired))
                .isEqualTo("psexec \\\\srv -u corp\\adm -p" + between + "[REDACTED] cmd");
        assertThat(R.redact("tool -p" + between + "S3cret -u adm", fired))
                .isEqualTo("tool -p" + between + "[REDACTED] -u adm");
        assertThat(fired).containsExactly("cli-user-password-pair");
    }

    static Stream<String> lookAlikes() {
        return Stream.of(
                "net use \\\\fs01\\share /user:corp\\bob",
                "net use Z: \\\\fs01\\share * /user:corp\\bob",
                "net use \\\\fs01\\share /delete",
                "the internet is used by everyone",
                "Set-ADUser bob -PasswordNeverExpires $true",
                "New-LocalUser -Name svc -Password $securePassword",
                "New-LocalUser -Name svc -Password (Read-Host -AsSecureString)",
                "$s = ConvertTo-SecureString $plain -AsPlainText -Force",
                "PasswordLastSet: 2024-05-01T12:00:00Z",
                "password_expiry_days=30",
                "PWD=/opt/airflow HOME=/home/airflow",
                "OLDPWD=/root",
                "password=******** accepted",
                "password=[REDACTED]",
                "Password policy: minimum length 14",
                "https://airflow.example.com:8443/api/v1/dags",
                "ssh://deploy@host.example.com/repo.git",
                "postgresql://db.internal:5432/warehouse",
                "authorization failed for user bob",
                "Authorization: Bearer",
                "the bearer of bad news",
                "eyJhbGciOiJSUzI1NiJ9 is a header only",
                "AKIA1234 is too short",
                "XAKIAIOSFODNN7EXAMPLEZ is embedded in a longer word",
                "aws_secret_access_key is not set",
                "AIRFLOW__CORE__EXECUTOR=LocalExecutor",
                "ssh -p 2222 deploy@host",
                "psql -h db -p 5432 -U etl warehouse",
                "mysql -u root -p warehouse",
                "MySQL.exe -u root -p warehouse",
                "tool -u adm -p",
                "tool -u adm -p -v",
                "psql -U etl -p 5432 warehouse",
                "rsync --password-file=/run/secrets/rsync src dst",
                "airflow tasks run etl_daily load manual__2024-05-01T12:00:00+00:00 --local");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAlikes")
    void leavesLookAlikesAlone(String input) {
        Set<String> fired = new LinkedHashSet<>();
        assertThat(R.redact(input, fired)).isSameAs(input);
        assertThat(fired).isEmpty();
    }

    @Test
    void redactsEveryStringFieldButNotTheHash() {
        String raw =
                "<Event><EventData><Data Name=\"CommandLine\">net use \\\\fs\\s /user:x P@ss</Data></EventData></Event>";
        String hash = Hashing.sha256Hex(raw.getBytes(StandardCharsets.UTF_8));
        EcsDocument e = EcsDocument.event("id1");
        e.put(Ecs.EVENT_ORIGINAL, raw);
        e.put(Ecs.EVENT_HASH, hash);
        e.put(Ecs.MESSAGE, "A new process has been created: net use \\\\fs\\s /user:x P@ss");
        e.put(Ecs.PROCESS_COMMAND_LINE, "net use \\\\fs\\s /user:x P@ss");
        e.put(Ecs.WINLOG_EVENT_DATA + "CommandLine", "net use \\\\fs\\s /user:x P@ss");
        e.put(Ecs.URL_ORIGINAL, "/login?user=bob&password=hunter2");
        e.put(Ecs.URL_QUERY, "user=bob&password=hunter2");
        e.put(Ecs.PROCESS_PID, 4242L);
        e.put(Ecs.TAGS, new ArrayList<>(List.of("ok", "Authorization: Bearer abcdefgh12345678")));
        e.put(Ecs.USER_NAME, "bob");

        assertThat(R.redact(e)).isSameAs(e);

        assertThat(e.getString(Ecs.EVENT_HASH)).isEqualTo(hash);
        assertThat(e.getString(Ecs.EVENT_ORIGINAL))
                .doesNotContain("P@ss")
                .contains("/user:x [REDACTED]");
        assertThat(e.getString(Ecs.MESSAGE)).doesNotContain("P@ss");
        assertThat(e.getString(Ecs.PROCESS_COMMAND_LINE))
                .isEqualTo("net use \\\\fs\\s /user:x [REDACTED]");
        assertThat(e.getString(Ecs.WINLOG_EVENT_DATA + "CommandLine"))
                .isEqualTo("net use \\\\fs\\s /user:x [REDACTED]");
        assertThat(e.getString(Ecs.URL_ORIGINAL)).isEqualTo("/login?user=bob&password=[REDACTED]");
        assertThat(e.getString(Ecs.URL_QUERY)).isEqualTo("user=bob&password=[REDACTED]");
        assertThat(e.get(Ecs.TAGS)).isEqualTo(List.of("ok", "Authorization: Bearer [REDACTED]"));
        assertThat(e.getLong(Ecs.PROCESS_PID)).isEqualTo(4242L);
        assertThat(e.getString(Ecs.USER_NAME)).isEqualTo("bob");
        assertThat(e.get(Ecs.RUNTRAIL_REDACTED))
                .isEqualTo(
                        List.of("net-use-password", "password-key-value", "authorization-header"));
        assertThat(e.id()).isEqualTo("id1");
    }

    @Test
    void theDocumentPassSkipsExactlyTheUntouchedFieldsAndScansValuesAsShortAsALiteral()
            throws Exception {
        Redactor custom =
                fromYaml(
                        "rules:\n"
                                + "  - name: pq\n"
                                + "    literals: [pq]\n"
                                + "    mask: whole\n"
                                + "    patterns: ['pq']\n");
        List<String> untouched =
                List.of(
                        Ecs.EVENT_HASH,
                        Ecs.EVENT_ID,
                        Ecs.RUNTRAIL_FORMAT,
                        Ecs.EVENT_DATASET,
                        Ecs.EVENT_KIND,
                        Ecs.EVENT_CATEGORY,
                        Ecs.EVENT_TYPE,
                        Ecs.EVENT_OUTCOME,
                        Ecs.RUNTRAIL_RAW_BASE64);
        EcsDocument e = EcsDocument.event("id10");
        for (String key : untouched) {
            // a key equal to the constant but not the same instance is still the same field
            e.put(new String(key), "pq");
        }
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            others.add("field." + i);
        }
        others.add(Ecs.EVENT_ORIGINAL);
        others.add(Ecs.WINLOG_EVENT_DATA + "x");
        for (String key : others) {
            e.put(key, "pq");
        }
        e.put(Ecs.TAGS, new ArrayList<>(List.of("p", "pq")));

        custom.redact(e);

        for (String key : untouched) {
            assertThat(e.getString(key)).as(key).isEqualTo("pq");
        }
        for (String key : others) {
            assertThat(e.getString(key)).as(key).isEqualTo("[REDACTED]");
        }
        assertThat(e.get(Ecs.TAGS)).isEqualTo(List.of("p", "[REDACTED]"));
        assertThat(e.get(Ecs.RUNTRAIL_REDACTED)).isEqualTo(List.of("pq"));
    }

    @Test
    void textAParserRedactedValueByValueIsNotScannedAgainButWhatWasDerivedFromItIs() {
        EcsDocument e = EcsDocument.event("id8");
        // (a secret left here would mean the parser failed; the final pass trusts it)
        e.put(Ecs.EVENT_ORIGINAL, "<Data Name='x'>password=left-as-the-parser-gave-it</Data>");
        e.put(Ecs.WINLOG_EVENT_DATA + "x", "password=left-as-the-parser-gave-it");
        e.put(Ecs.USER_NAME, "password=derived");
        e.markSourceTextRedacted();

        R.redact(e);

        assertThat(e.getString(Ecs.EVENT_ORIGINAL)).contains("left-as-the-parser-gave-it");
        assertThat(e.getString(Ecs.WINLOG_EVENT_DATA + "x")).contains("left-as-the-parser-gave-it");
        assertThat(e.getString(Ecs.USER_NAME)).isEqualTo("password=[REDACTED]");
        assertThat(e.get(Ecs.RUNTRAIL_REDACTED)).isEqualTo(List.of("password-key-value"));

        // copies of the record's values put with putRedacted after the mark are not scanned
        // again; the same text put plainly, or put over the copy, is
        String vouched = "password=left-as-the-parser-gave-it";
        EcsDocument copies = EcsDocument.event("id11").markSourceTextRedacted();
        copies.putRedacted(Ecs.WINLOG_EVENT_DATA + "CommandLine", vouched);
        copies.putRedacted(Ecs.PROCESS_COMMAND_LINE, vouched);
        // (a secret of its own: one the pass masks is also masked wherever else it occurs)
        copies.put(Ecs.PROCESS_NAME, "password=derived-from-it");
        copies.putRedacted(Ecs.USER_NAME, vouched);
        copies.put(Ecs.USER_NAME, "password=put-over");
        R.redact(copies);
        assertThat(copies.getString(Ecs.PROCESS_COMMAND_LINE)).isSameAs(vouched);
        assertThat(copies.getString(Ecs.PROCESS_NAME)).isEqualTo("password=[REDACTED]");
        assertThat(copies.getString(Ecs.USER_NAME)).isEqualTo("password=[REDACTED]");
        // on a document that was not marked before, putRedacted is a plain put
        EcsDocument late = EcsDocument.event("id12");
        late.putRedacted(Ecs.PROCESS_COMMAND_LINE, vouched);
        R.redact(late.markSourceTextRedacted());
        assertThat(late.getString(Ecs.PROCESS_COMMAND_LINE)).isEqualTo("password=[REDACTED]");

        // a copy does not carry the mark
        EcsDocument marked = EcsDocument.event("id9");
        marked.put(Ecs.EVENT_ORIGINAL, "password=hunter2");
        EcsDocument copy = marked.markSourceTextRedacted().copy();
        R.redact(copy);
        assertThat(copy.getString(Ecs.EVENT_ORIGINAL)).isEqualTo("password=[REDACTED]");
    }

    @Test
    void aSecretOfMegabytesIsMaskedWithoutExhaustingTheStack() {
        String secret = "x\"y".repeat(4).concat("z".repeat(2_000_000));
        for (String prefix :
                List.of(
                        "net use \\\\fs\\s /user:x ",
                        "-Password ",
                        "--password ",
                        "sshpass -p ",
                        "tool -u a -p ")) {
            Set<String> fired = new LinkedHashSet<>();
            String redacted = R.redact(prefix + secret, fired);
            // (compared as a flag: a failure must not print megabytes)
            assertThat(redacted.equals(prefix + "[REDACTED]"))
                    .as("%s... redacted to %.80s", prefix, redacted)
                    .isTrue();
            assertThat(fired).hasSize(1);
        }
    }

    @Test
    void eventWithoutSecretsIsUnchanged() {
        EcsDocument e = EcsDocument.event("id2");
        e.put(Ecs.MESSAGE, "Marking task as SUCCESS. dag_id=etl, task_id=load");
        e.put(Ecs.EVENT_HASH, "00");
        EcsDocument before = e.copy();
        R.redact(e);
        assertThat(e).isEqualTo(before);
        assertThat(e.has(Ecs.RUNTRAIL_REDACTED)).isFalse();
    }

    @Test
    void rulesAreDataAndMistakesAreExplained() throws Exception {
        String yaml =
                "replacement: '***'\n"
                        + "rules:\n"
                        + "  - name: pin\n"
                        + "    literals: [pin]\n"
                        + "    patterns: ['(?i)pin=(?<secret>\\d{4})']\n";
        Redactor custom = fromYaml(yaml);
        Set<String> fired = new LinkedHashSet<>();
        assertThat(custom.redact("PIN=1234 ok", fired)).isEqualTo("PIN=*** ok");
        assertThat(fired).containsExactly("pin");
        assertThat(custom.redact("password=x", fired)).isEqualTo("password=x");

        assertThatThrownBy(
                        () ->
                                Redactor.fromYaml(
                                        new ByteArrayInputStream(
                                                "rules:\n  - name: a\n    literals: [ab]\n    patterns: ['(']\n"
                                                        .getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("does not compile");
        assertThatThrownBy(
                        () ->
                                Redactor.fromYaml(
                                        new ByteArrayInputStream(
                                                "rules:\n  - name: a\n    patterns: ['a(?<secret>b)']\n"
                                                        .getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("needs 'literals'");
        assertThatThrownBy(
                        () ->
                                Redactor.fromYaml(
                                        new ByteArrayInputStream(
                                                "rules:\n  - name: a\n    literals: [ab]\n    patterns: ['ab']\n"
                                                        .getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("has none of the groups to mask");
        assertThatThrownBy(
                        () ->
                                Redactor.fromYaml(
                                        new ByteArrayInputStream(
                                                "rules:\n  - name: a\n    literals: [x]\n    patterns: ['x(?<secret>y)']\n"
                                                        .getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining(
                        "'literals' of redaction rule 'a' must be ASCII of at least 2");
    }

    @Test
    void patternsUseNamedFragmentsAsGroupsOfTheirOwn() throws Exception {
        // an alternation in the fragment must stay inside it: a bare six-digit number must not
        // become an alternative of the whole pattern
        Redactor custom =
                fromYaml(
                        "fragments:\n"
                                + "  digits: '[0-9]{6}|[0-9]{4}'\n"
                                + "rules:\n"
                                + "  - name: pin\n"
                                + "    literals: [pin]\n"
                                + "    mask: whole\n"
                                + "    patterns: ['pin=${digits}']\n");
        Set<String> fired = new LinkedHashSet<>();
        assertThat(custom.redact("pin=1234 and pin=123456 but 987654", fired))
                .isEqualTo("[REDACTED] and [REDACTED] but 987654");
        assertThat(custom.rules().get(0).patterns().get(0).pattern())
                .isEqualTo("pin=(?:[0-9]{6}|[0-9]{4})");

        assertThatThrownBy(
                        () ->
                                fromYaml(
                                        "rules:\n  - name: a\n    literals: [ab]\n"
                                                + "    patterns: ['a(?<secret>${nowhere})']\n"))
                .hasMessageContaining(
                        "redaction rule 'a' uses the fragment 'nowhere', which 'fragments' does"
                                + " not define");
    }

    @Test
    void aRuleWithRequiresRunsOnlyWhenEveryRequiredLiteralOccursToo() throws Exception {
        String yaml =
                "rules:\n"
                        + "  - name: pin\n"
                        + "    literals: [pin]\n"
                        + "    requires: ['#', CODE]\n"
                        + "    patterns: ['(?i)pin=(?<secret>\\d{4})']\n"
                        + "  - name: otp\n"
                        + "    literals: [otp]\n"
                        + "    requires: [code, x]\n"
                        + "    patterns: ['(?i)otp=(?<secret>\\d{2})']\n";
        Redactor custom = fromYaml(yaml);
        Set<String> fired = new LinkedHashSet<>();
        assertThat(custom.redact("pin=1234 code", fired)).isEqualTo("pin=1234 code");
        assertThat(custom.redact("pin=1234 #", fired)).isEqualTo("pin=1234 #");
        // U+0163 has the low byte of 'c': it must not pass for the c of "code"
        assertThat(custom.redact("pin=1234 # \u0163ode", fired)).isEqualTo("pin=1234 # \u0163ode");
        assertThat(custom.redact("otp=99 code", fired)).isEqualTo("otp=99 code");
        assertThat(custom.redact("otp=99 x", fired)).isEqualTo("otp=99 x");
        assertThat(fired).isEmpty();
        assertThat(custom.redact("#Code pin=1234", fired)).isEqualTo("#Code pin=[REDACTED]");
        assertThat(fired).containsExactly("pin");
        // a required literal shared by two rules, and a one-letter one in upper case
        fired.clear();
        assertThat(custom.redact("pin=1234 otp=99 # CODE X", fired))
                .isEqualTo("pin=[REDACTED] otp=[REDACTED] # CODE X");
        assertThat(fired).containsExactly("pin", "otp");
    }

    /**
     * The literal pre-check (a scan of character pairs in a per-thread buffer for texts up to 1M
     * characters, and in an array of their own beyond) must let through every text where a literal
     * occurs in any ASCII case, and nothing else: rules whose pattern is the literal itself fire
     * exactly when a plain lower-casing of ASCII letters finds the literal, on random texts with
     * non-ASCII characters (among them the Kelvin sign, which full Unicode lower-casing would turn
     * into a k).
     */
    @Test
    void thePreCheckFindsLiteralsInAnyAsciiCaseAndOnlyThere() throws Exception {
        String yaml =
                "rules:\n"
                        + "  - name: ak\n"
                        + "    literals: [akia]\n"
                        + "    mask: whole\n"
                        + "    patterns: ['(?i)akia']\n"
                        + "  - name: dash\n"
                        + "    literals: ['-p:']\n"
                        + "    mask: whole\n"
                        + "    patterns: ['(?i)-p:']\n";
        Redactor custom = fromYaml(yaml);
        char[] alphabet = {
            'a', 'A', 'k', 'K', 'i', 'I', '-', 'p', 'P', ':', ' ', 'é', '\u212A', '猫'
        };
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 20_000; round++) {
            int length = round < 19_995 ? random.nextInt(24) : (1 << 20) + random.nextInt(64);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            if (length > 1000) {
                text.replace(length - 4, length, random.nextBoolean() ? "AkiA" : "-P:x");
            }
            String ascii = asciiLower(text.toString());
            Set<String> expected = new LinkedHashSet<>();
            if (ascii.contains("akia")) {
                expected.add("ak");
            }
            if (ascii.contains("-p:")) {
                expected.add("dash");
            }
            Set<String> fired = new LinkedHashSet<>();
            custom.redact(text.toString(), fired);
            assertThat(fired).as("round %d", round).isEqualTo(expected);
        }
    }

    /**
     * The one-pass scan against a plain search for each literal: on random texts made of whole
     * literals, their heads and tails and required literals in random case, it must select exactly
     * the rules whose literals occur, and redacting must give what applying every rule in order
     * gives. Checked for the default rules and for a set with a two-character literal and with
     * required literals of one and more characters.
     */
    @Test
    void theScanSelectsExactlyTheRulesWhoseLiteralsOccur() throws Exception {
        Redactor custom =
                fromYaml(
                        "rules:\n"
                                + "  - name: short\n"
                                + "    literals: ['-k', 'key=']\n"
                                + "    mask: whole\n"
                                + "    patterns: ['(?i)-k \\S+']\n"
                                + "  - name: long\n"
                                + "    literals: [token]\n"
                                + "    mask: whole\n"
                                + "    patterns: ['(?i)token=\\S+']\n"
                                + "  - name: required\n"
                                + "    literals: [user]\n"
                                + "    requires: ['@', 'pw', 'x=']\n"
                                + "    patterns: ['(?i)user@\\S* x=\\S* pw=(?<secret>\\S+)']\n");
        java.util.Random random = new java.util.Random(23);
        for (Redactor redactor : List.of(Redactor.defaults(), custom)) {
            List<String> pieces = new ArrayList<>(List.of(" ", "x", "=", "@", "é", "\u212A"));
            for (RedactionRule rule : redactor.rules()) {
                for (String lit : rule.literals()) {
                    pieces.add(lit);
                    pieces.add(lit.substring(1));
                    pieces.add(lit.substring(0, lit.length() - 1));
                    // a character above U+00FF whose low byte is the literal's (U+0170 for 'p')
                    int k = random.nextInt(lit.length());
                    pieces.add(
                            lit.substring(0, k)
                                    + (char) (0x100 | lit.charAt(k))
                                    + lit.substring(k + 1));
                }
                pieces.addAll(rule.requires());
            }
            for (int round = 0; round < 20_000; round++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(8); i >= 0; i--) {
                    String piece = pieces.get(random.nextInt(pieces.size()));
                    for (char c : piece.toCharArray()) {
                        text.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                    }
                    text.append(" Xy=".substring(0, random.nextInt(4)));
                }
                String input = text.toString();
                String lower = asciiLower(input);
                long expectedCandidates = 0;
                for (int r = 0; r < redactor.rules().size(); r++) {
                    if (redactor.rules().get(r).literals().stream().anyMatch(lower::contains)) {
                        expectedCandidates |= 1L << r;
                    }
                }
                assertThat(redactor.candidates(input))
                        .as("%s", input)
                        .isEqualTo(expectedCandidates);
                // every rule applied in order, with no pre-check at all: the literals and the
                // requires must only ever spare the patterns work, never change what they mask
                Set<String> expectedFired = new LinkedHashSet<>();
                String expected = input;
                for (RedactionRule rule : redactor.rules()) {
                    String next = rule.apply(expected, redactor.replacement(), null);
                    if (!next.equals(expected)) {
                        expectedFired.add(rule.name());
                        expected = next;
                    }
                }
                Set<String> fired = new LinkedHashSet<>();
                assertThat(redactor.redact(input, fired)).as("%s", input).isEqualTo(expected);
                assertThat(fired).as("%s", input).isEqualTo(expectedFired);
            }
        }
    }

    private static Redactor fromYaml(String yaml) throws IOException {
        return Redactor.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String asciiLower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }

    @Test
    void theUriRuleStillFiresInsideWindowsXmlThatCarriesANamespace() {
        String xml =
                "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><EventData>"
                        + "<Data Name='CommandLine'>psql postgresql://etl:hunter2@db/w</Data>"
                        + "</EventData></Event>";
        Set<String> fired = new LinkedHashSet<>();
        assertThat(R.redact(xml, fired))
                .contains("postgresql://etl:[REDACTED]@db/w")
                .contains("xmlns='http://schemas.microsoft.com/win/2004/08/events/event'");
        assertThat(fired).containsExactly("uri-credentials");
    }

    @Test
    void aSecretThatOnlyUnescapingRevealsIsRedactedThoughTheRecordLooksClean() {
        // The raw XML spells the keyword with a character reference, so no rule applies to the
        // record; the parsed value holds the keyword itself and must still be scanned, and what
        // it masks there is masked in the record as well.
        String raw =
                "<Event><EventData><Data Name='Param'>&#112;assword=hunter2</Data></EventData>"
                        + "</Event>";
        EcsDocument e = EcsDocument.event("id3");
        e.put(Ecs.EVENT_ORIGINAL, raw);
        e.put(Ecs.WINLOG_EVENT_DATA + "Param", "password=hunter2");
        e.put(Ecs.TAGS, new ArrayList<>(List.of("Param", "password=hunter2")));

        R.redact(e);

        assertThat(e.getString(Ecs.EVENT_ORIGINAL)).isEqualTo(raw.replace("hunter2", "[REDACTED]"));
        assertThat(e.getString(Ecs.WINLOG_EVENT_DATA + "Param")).isEqualTo("password=[REDACTED]");
        assertThat(e.get(Ecs.TAGS)).isEqualTo(List.of("Param", "password=[REDACTED]"));
        assertThat(e.get(Ecs.RUNTRAIL_REDACTED)).isEqualTo(List.of("password-key-value"));
    }

    @Test
    void partsOfARecordWithASecretAreEachRedacted() {
        String raw = "[2024-05-01 10:00:00] INFO - running psql postgresql://etl:hunter2@db/w now";
        EcsDocument e = EcsDocument.event("id4");
        e.put(Ecs.EVENT_ORIGINAL, raw);
        e.put(Ecs.MESSAGE, "running psql postgresql://etl:hunter2@db/w now");
        e.put(Ecs.PROCESS_COMMAND_LINE, "psql postgresql://etl:hunter2@db/w");

        R.redact(e);

        assertThat(e.getString(Ecs.EVENT_ORIGINAL)).doesNotContain("hunter2");
        assertThat(e.getString(Ecs.MESSAGE))
                .isEqualTo("running psql postgresql://etl:[REDACTED]@db/w now");
        assertThat(e.getString(Ecs.PROCESS_COMMAND_LINE))
                .isEqualTo("psql postgresql://etl:[REDACTED]@db/w");
    }

    @Test
    void aFieldThatWasCleanInTheLastRecordIsScannedAgainWhenItsValueChanges() {
        String clean = "/data/exports/host-a/task-logs/attempt=1.log";
        String secret = "/data/exports/host-a/password=hunter2/attempt=1.log";
        for (String path : List.of(clean, clean, secret, clean)) {
            EcsDocument e = EcsDocument.event("id5");
            e.put(Ecs.EVENT_ORIGINAL, "a line without anything to hide");
            e.put(Ecs.RUNTRAIL_SOURCE, path);
            R.redact(e);
            String expected =
                    path.equals(secret) ? "/data/exports/host-a/password=[REDACTED]" : path;
            assertThat(e.getString(Ecs.RUNTRAIL_SOURCE)).isEqualTo(expected);
            assertThat(e.has(Ecs.RUNTRAIL_REDACTED)).isEqualTo(path.equals(secret));
        }
    }

    @Test
    void whatOneRedactorFoundCleanIsNotTakenForCleanByAnother() throws Exception {
        Redactor pins =
                Redactor.fromYaml(
                        new ByteArrayInputStream(
                                ("rules:\n  - name: pin\n    literals: [pin]\n"
                                                + "    patterns: ['pin=(?<secret>\\d+)']\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        String text = "the card holder typed pin=123456 at the door";
        EcsDocument first = EcsDocument.event("id6");
        first.put(Ecs.MESSAGE, text);
        R.redact(first);
        assertThat(first.getString(Ecs.MESSAGE)).isEqualTo(text);

        EcsDocument second = EcsDocument.event("id7");
        second.put(Ecs.MESSAGE, text);
        pins.redact(second);
        assertThat(second.getString(Ecs.MESSAGE))
                .isEqualTo("the card holder typed pin=[REDACTED] at the door");
    }

    @Test
    void defaultsAreLoadedOnce() {
        assertThat(Redactor.defaults()).isSameAs(R);
        assertThat(R.rules())
                .extracting(RedactionRule::name)
                .contains("net-use-password", "jwt", "aws-access-key-id", "airflow-conn-env");
    }

    /**
     * {@code leavesAlone}: a text no rule can change, where every run of it (each checked by
     * redaction) stays as it is too; and texts with a rule's literals and requirements, which it
     * does not leave alone.
     */
    @Test
    void aTextLeftAloneHasNoRunThatARuleChanges() {
        Redactor.ValueRedaction values = R.forValues();
        // "://" is the literal of uri-credentials, which also requires "@": without it no rule runs
        String xml =
                "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><EventData>"
                        + "<Data Name='CommandLine'>cmd /c copy a b</Data></EventData></Event>";
        assertThat(values.leavesAlone(xml)).isTrue();
        for (int from = 0; from < xml.length(); from += 3) {
            for (int to = from; to <= xml.length(); to += 5) {
                String run = xml.substring(from, to);
                assertThat(R.redact(run, new ArrayList<>())).as(run).isEqualTo(run);
            }
        }
        assertThat(values.leavesAlone("short")).isTrue();

        assertThat(values.leavesAlone(xml.replace("copy a b", "see https://bob:pw1@host/x")))
                .isFalse();
        assertThat(values.leavesAlone("cmd /c NET use x: \\\\fs01\\c /user:bob pw")).isFalse();
        // a literal whose rule's requirement is absent: net-use-password also requires "use"
        assertThat(values.leavesAlone("net stop spooler")).isTrue();
        assertThat(values.fired()).isEmpty();
    }
}
