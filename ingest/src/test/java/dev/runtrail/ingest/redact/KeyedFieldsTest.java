package dev.runtrail.ingest.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A field whose name holds a rule's key ({@code winlog.event_data.Password}) is redacted as the
 * rules redact {@code Password="value"} in text: parsing moved the key out of the value into the
 * name, where no rule looking at the value alone sees it.
 */
class KeyedFieldsTest {
    private static final Redactor R = Redactor.defaults();
    private static final String DATA = Ecs.WINLOG_EVENT_DATA;

    @Test
    @SuppressWarnings("unchecked")
    void aValueUnderASecretsKeyIsMaskedAndOtherValuesUnderLookAlikeNamesAreNot() {
        EcsDocument e = EcsDocument.event("k1");
        e.put(DATA + "Password", "correct horse battery");
        e.put(DATA + "db_pwd", "Tr0ub4dor&3");
        e.put(DATA + "AIRFLOW_CONN_WAREHOUSE", "postgres://etl:pg-secret@db:5432/dwh");
        e.put(DATA + "Authorization", "Bearer abcdefghijklmnopqrstuvwxyz012345");
        // 4738 "a user account was changed": a date, not a password
        e.put(DATA + "PasswordLastSet", "5/3/2020 10:02:11 AM");
        e.put(DATA + "pwdLastSet", "133594560000000000");
        // the shell's working directory in an environment dump: masked under its name, since the
        // pwd rule spares only an unquoted path (a password may begin with a slash)
        e.put(DATA + "PWD", "/home/etl/dags");
        e.put(DATA + "TargetUserName", "Password");

        R.redact(e);

        assertThat(e.getString(DATA + "Password")).isEqualTo("[REDACTED]");
        assertThat(e.getString(DATA + "db_pwd")).isEqualTo("[REDACTED]");
        assertThat(e.getString(DATA + "AIRFLOW_CONN_WAREHOUSE")).isEqualTo("[REDACTED]");
        assertThat(e.getString(DATA + "Authorization")).isEqualTo("Bearer [REDACTED]");
        assertThat(e.getString(DATA + "PasswordLastSet")).isEqualTo("5/3/2020 10:02:11 AM");
        assertThat(e.getString(DATA + "pwdLastSet")).isEqualTo("133594560000000000");
        assertThat(e.getString(DATA + "PWD")).isEqualTo("[REDACTED]");
        assertThat(e.getString(DATA + "TargetUserName")).isEqualTo("Password");
        // the URI's password and the bearer token are masked by the value alone already
        assertThat((List<Object>) e.get(Ecs.RUNTRAIL_REDACTED))
                .containsExactlyInAnyOrder(
                        "password-key-value",
                        "uri-credentials",
                        "airflow-conn-env",
                        "bearer-token");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // quotes inside: the key's pattern still takes the whole value
                "Password|say \"hi\" now|[REDACTED]",
                "Passwd|it's \"both\" kinds|[REDACTED]",
                // too short for any rule on its own
                "Password|ab|[REDACTED]",
                "Other|ab|ab",
                // the value's own secret runs to its end; the key's pattern still needs its quote
                "Password|tool.exe -u admin -p S3cret|[REDACTED]",
            })
    void aValueUnderASecretsKeyIsMaskedWhole(String name, String value, String expected) {
        EcsDocument e = EcsDocument.event("k2");
        e.put(DATA + name, value);

        R.redact(e);

        assertThat(e.getString(DATA + name)).isEqualTo(expected);
    }

    @Test
    void aValueFoundCleanUnderAnotherNameAtTheSameIndexIsLookedAtAgain() {
        // parsers hand out one instance for values that repeat; the pass remembers clean ones
        String shared = "Summer2024-shared";
        EcsDocument first = EcsDocument.event("k8");
        first.put(DATA + "WorkstationName", shared);
        EcsDocument second = EcsDocument.event("k9");
        second.put(DATA + "Password", shared);

        R.redact(first);
        R.redact(second);

        assertThat(first.getString(DATA + "WorkstationName")).isSameAs(shared);
        assertThat(second.getString(DATA + "Password")).isEqualTo("[REDACTED]");
    }

    @Test
    void aKeyedValueTheReaderPutAsRedactedIsMaskedInDocumentsSharingALayout() {
        // as EVTX events of one template come: the names are a shared layout's, known per layout
        EcsDocument.Layout layout = null;
        for (int k = 0; k < 3; k++) {
            EcsDocument e = EcsDocument.event("L" + k, 4, layout);
            e.markSourceTextRedacted();
            e.putRedacted(DATA + "User", "bob");
            e.putRedacted(DATA + "Password", "hunter" + k + "x");
            if (k > 0) {
                assertThat(e.sharedNames()).isNotNull();
            }

            R.redact(e);

            assertThat(e.getString(DATA + "Password")).isEqualTo("[REDACTED]");
            assertThat(e.getString(DATA + "User")).isEqualTo("bob");
            layout = e.layout();
        }
    }

    @Test
    void eachElementOfAListUnderASecretsKeyIsMasked() {
        EcsDocument e = EcsDocument.event("k3");
        e.put(DATA + "Password", new ArrayList<>(List.of("first-one", "second-one")));

        R.redact(e);

        assertThat(e.get(DATA + "Password")).isEqualTo(List.of("[REDACTED]", "[REDACTED]"));
    }

    @Test
    void whatARuleFindsInTheNameAloneLeavesTheValue() {
        // a damaged key that spells "password=" inside itself: the name is not the field's value
        EcsDocument e = EcsDocument.event("k4");
        e.put(DATA + "Mandatorpassword=yLabel", "S-1-16-8192");

        R.redact(e);

        assertThat(e.getString(DATA + "Mandatorpassword=yLabel")).isEqualTo("S-1-16-8192");
        assertThat(e.has(Ecs.RUNTRAIL_REDACTED)).isFalse();
    }

    @Test
    void aKeyedValueIsMaskedInTheRecordItCameFrom() {
        // the key is escaped in the raw JSON, so no rule sees "password" in the record itself
        String raw = "{\"EventID\":4624,\"Pass\\u0077ord\":\"correct horse\",\"N\":\"correct\"}";
        EcsDocument e = EcsDocument.event("k5");
        e.put(Ecs.EVENT_ORIGINAL, raw);
        e.put(DATA + "Password", "correct horse");
        e.put(DATA + "N", "correct");

        R.redact(e);

        assertThat(e.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(
                        "{\"EventID\":4624,\"Pass\\u0077ord\":\"[REDACTED]\",\"N\":\"correct\"}");
        assertThat(e.getString(DATA + "N")).isEqualTo("correct");
    }

    @Test
    void aReaderThatRedactedTheValuesStillHasItsKeyedFieldsAndRecordMasked() {
        // as the EVTX reader leaves an event: values redacted one by one, the XML rendered from
        // them, the document marked; a value alone does not show that its name is Password
        String xml =
                "<Event><EventData><Data Name=\"Password\">hunter&amp;2</Data>"
                        + "<Data Name=\"User\">bob</Data></EventData></Event>";
        EcsDocument e = EcsDocument.event("k6");
        e.markSourceTextRedacted();
        e.put(Ecs.EVENT_ORIGINAL, xml);
        e.putRedacted(DATA + "Password", "hunter&2");
        e.putRedacted(DATA + "User", "bob");

        R.redact(e);

        assertThat(e.getString(DATA + "Password")).isEqualTo("[REDACTED]");
        assertThat(e.getString(DATA + "User")).isEqualTo("bob");
        assertThat(e.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo(xml.replace("hunter&amp;2", "[REDACTED]"));
        assertThat(e.get(Ecs.RUNTRAIL_REDACTED)).isEqualTo(List.of("password-key-value"));
    }
}
