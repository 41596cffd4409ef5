package dev.runtrail.ingest.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.redact.Redactor.Secret;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Redactor#maskSpellings}: a secret the rules masked in a decoded value is masked in the raw
 * record however the record spells it, and nowhere else.
 */
class MaskSpellingsTest {
    private static final Redactor R = Redactor.defaults();

    private static Secret between(String text, int before, int after) {
        return new Secret(text, before, after);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // as it is
                "{\"c\":\"x Winter2024! y\"}|{\"c\":\"x [REDACTED] y\"}",
                // JSON escapes inside the secret
                "{\"c\":\"x W\\u0069nter2024\\u0021 y\"}|{\"c\":\"x [REDACTED] y\"}",
                "{\"c\":\"x W\\u0069NTER2024! y\",\"d\":\"Winter2024!\"}|{\"c\":\"x W\\u0069NTER2024! y\",\"d\":\"[REDACTED]\"}",
                // XML references, decimal, hex and named
                "<Data>x Wint&#101;r2024&#x21; y</Data>|<Data>x [REDACTED] y</Data>",
                "<Data>x Winter2024! y</Data><Data>Winter2024!</Data>|<Data>x [REDACTED] y</Data><Data>[REDACTED]</Data>",
            })
    void everySpellingOfTheSecretIsMasked(String raw, String expected) {
        assertThat(R.maskSpellings(raw, List.of(between("Winter2024!", ' ', ' '))))
                .isEqualTo(expected);
    }

    @Test
    void aSecretWithCharactersThatTheRecordMustEscapeIsFoundInEitherSyntax() {
        Secret secret = between("a\"b&c<d\\e", ' ', ' ');
        assertThat(R.maskSpellings("{\"v\":\"x a\\\"b&c<d\\\\e y\"}", List.of(secret)))
                .isEqualTo("{\"v\":\"x [REDACTED] y\"}");
        assertThat(R.maskSpellings("<v>x a&quot;b&amp;c&lt;d\\e y</v>", List.of(secret)))
                .isEqualTo("<v>x [REDACTED] y</v>");
        // a character outside the BMP: a surrogate pair in JSON, one reference in XML
        Secret emoji = between("k\uD83D\uDE00ey", ' ', ' ');
        assertThat(R.maskSpellings("{\"v\":\"x k\\ud83d\\ude00ey\"}", List.of(emoji)))
                .isEqualTo("{\"v\":\"x [REDACTED]\"}");
        assertThat(R.maskSpellings("<v>x k&#x1F600;ey</v>", List.of(emoji)))
                .isEqualTo("<v>x [REDACTED]</v>");
    }

    @Test
    void aSecretInsideAWordIsLeftUnlessItWasFoundNextToThatVeryCharacter() {
        // "word" was the value after -Pass: not the word inside "keywords" or "password"
        Secret word = between("word", '\n', ' ');
        String raw =
                "{\"keywords\":[\"x\"],\"c\":[\"-Pass\",\"word \\\"W\\\"\"],\"m\":\"password\"}";
        assertThat(R.maskSpellings(raw, List.of(word)))
                .isEqualTo(
                        "{\"keywords\":[\"x\"],\"c\":[\"-Pass\",\"[REDACTED] \\\"W\\\"\"],"
                                + "\"m\":\"password\"}");
        // mysql -pX: the secret follows the flag's letter without a space, wherever it occurs
        Secret attached = between("S3cr", 'p', ' ');
        assertThat(
                        R.maskSpellings(
                                "{\"c\":\"mysql -\\u0070S3cr db; echo xS3cr\"}", List.of(attached)))
                .isEqualTo("{\"c\":\"mysql -\\u0070[REDACTED] db; echo xS3cr\"}");
    }

    @Test
    void onlyValuesAreSearchedAndASecretOfPunctuationStandsAloneOrNotAtAll() {
        // a password "-": not the dashes of names, dates and GUIDs, nor markup or JSON keys
        String xml =
                "<Event><System><Provider Name='Microsoft-Windows-Security-Auditing'"
                        + " Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/><TimeCreated"
                        + " SystemTime='2024-05-01T12:00:03Z'/></System><EventData>"
                        + "<Data Name='Password'>-</Data><Data Name='Data'>Data</Data>"
                        + "</EventData></Event>";
        assertThat(R.maskSpellings(xml, List.of(between("-", '"', '"'))))
                .isEqualTo(xml.replace(">-<", ">[REDACTED]<"));
        assertThat(R.maskSpellings(xml, List.of(between("Data", '"', '"'))))
                .isEqualTo(xml.replace("'>Data<", "'>[REDACTED]<"));
        String json = "{\"EventID\":1,\"process\":{\"pid\":1},\"Message\":\"retry with 1\"}";
        assertThat(R.maskSpellings(json, List.of(between("1", '=', -1))))
                .isEqualTo(json.replace("with 1", "with [REDACTED]"));
        assertThat(R.maskSpellings(json, List.of(between("process", '=', ' ')))).isSameAs(json);
    }

    @Test
    void manySecretsInALongRecordAreFoundInOneReadingPerLength() {
        StringBuilder line = new StringBuilder("{\"Message\":\"");
        List<Secret> secrets = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            line.append("pass\\u0077ord=s").append(i).append(' ');
            secrets.add(between("s" + i, '=', ' '));
            secrets.add(between("1", '=', ' ')); // the same secret many times over
        }
        String raw = line.append("\"}").toString();

        String masked = R.maskSpellings(raw, secrets);

        assertThat(masked).doesNotContain("=s1 ").doesNotContain("=s19999 ");
        assertThat(masked.split("\\[REDACTED]", -1)).hasSize(20_001);
    }

    @Test
    void aNumberIsNotMaskedInsideDatesAndPaths() {
        String json =
                "{\"t\":\"2024-05-01\",\"p\":\"C:\\\\4321\\\\x.exe\","
                        + "\"c\":\"tool --password 4321 -v\"}";
        assertThat(
                        R.maskSpellings(
                                json,
                                List.of(between("4321", ' ', ' '), between("2024", ' ', ' '))))
                .isEqualTo(json.replace("password 4321", "password [REDACTED]"));
    }

    @Test
    void aRunOfOneCharacterIsReadOncePerLength() {
        // secrets of a repeated, in a value of a repeated: every window has a secret's hash, and
        // none stands alone (an a on either side); read once per length, not per window
        String raw = "{\"Message\":\"" + "a".repeat(200_000) + "\"}";
        List<Secret> secrets = new java.util.ArrayList<>();
        for (int k = 1; k <= 40; k++) {
            secrets.add(between("a".repeat(k * 25), '=', ' '));
        }
        assertThat(R.maskSpellings(raw, secrets)).isSameAs(raw);
        secrets.add(between("a".repeat(200_000), '"', '"'));
        assertThat(R.maskSpellings(raw, secrets)).isEqualTo("{\"Message\":\"[REDACTED]\"}");
        // beyond MAX_LENGTHS lengths, every value of the record is masked
        for (int k = 41; k <= Spellings.MAX_LENGTHS + 1; k++) {
            secrets.add(between("b".repeat(k), '=', ' '));
        }
        assertThat(R.maskSpellings("{\"k\":\"v w\",\"n\":1}", secrets))
                .isEqualTo("{\"k\":\"[REDACTED]\",\"n\":1}");
    }

    @Test
    void aTextWithoutTheSecretIsReturnedAsItIs() {
        String raw = "{\"c\":\"nothing \\u0020 here &amp; \\q &#xZZ; &unknown;\"}";
        assertThat(R.maskSpellings(raw, List.of(between("Winter2024!", ' ', ' ')))).isSameAs(raw);
        assertThat(R.maskSpellings(raw, List.of())).isSameAs(raw);
    }

    static Stream<Arguments> recordsAndTheirValues() {
        return Stream.of(
                // mysql -pX: the rules mask X in the record as in the value; the other X's are
                // not it
                Arguments.of(
                        "mysql -uroot -pX -e 'SELECT X FROM t'",
                        "mysql -uroot -pX -e 'SELECT X FROM t'",
                        "mysql -uroot -p[REDACTED] -e 'SELECT X FROM t'",
                        "mysql -uroot -p[REDACTED] -e 'SELECT X FROM t'"),
                // a tab between "net" and "use", written as an escape: no rule reads the record as
                // a net use command, the decoded command line is one
                Arguments.of(
                        "{\"CommandLine\":\"net\\tuse \\\\\\\\fs01\\\\c$ /user:bob Sommer2024\"}",
                        "net\tuse \\\\fs01\\c$ /user:bob Sommer2024",
                        "{\"CommandLine\":\"net\\tuse \\\\\\\\fs01\\\\c$ /user:bob [REDACTED]\"}",
                        "net\tuse \\\\fs01\\c$ /user:bob [REDACTED]"));
    }

    @ParameterizedTest
    @MethodSource("recordsAndTheirValues")
    void theRecordIsMaskedWhereItSpellsWhatTheValueShowed(
            String raw, String value, String expectedRecord, String expectedValue) {
        EcsDocument e = EcsDocument.event("s1");
        e.put(Ecs.EVENT_ORIGINAL, raw);
        e.put(Ecs.PROCESS_COMMAND_LINE, value);

        R.redact(e);

        assertThat(e.getString(Ecs.EVENT_ORIGINAL)).isEqualTo(expectedRecord);
        assertThat(e.getString(Ecs.PROCESS_COMMAND_LINE)).isEqualTo(expectedValue);
        assertThat(e.has(Ecs.RUNTRAIL_REDACTED)).isTrue();
    }
}
