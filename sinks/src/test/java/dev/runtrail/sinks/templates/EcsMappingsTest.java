package dev.runtrail.sinks.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcsMappingsTest {
    /**
     * A path mapped as a field cannot also hold fields of its own ({@code a.b} a keyword and {@code
     * a.b.c} a date): Elasticsearch would refuse the template, or every document with either.
     */
    @Test
    void noMappedFieldIsAlsoTheObjectOfAnother() {
        List<String> paths = new ArrayList<>(EcsMappings.declaredPaths());
        List<String> clashes = new ArrayList<>();
        for (String field : paths) {
            for (String other : paths) {
                if (other.startsWith(field + ".")) {
                    clashes.add(field + " / " + other);
                }
            }
        }
        assertThat(paths).hasSizeGreaterThan(100);
        assertThat(clashes).isEmpty();
    }

    @Test
    void fieldsUnderAFlattenedObjectAreKeywordsWhateverTheyHold() {
        assertThat(EcsMappings.typeOf("winlog.event_data.NewProcessId", 500L, false))
                .isEqualTo(FieldType.KEYWORD);
        assertThat(EcsMappings.typeOf("winlog.user_data.Flag", true, false))
                .isEqualTo(FieldType.KEYWORD);
        assertThat(EcsMappings.typeOf("runtrail.custom.count", 3L, false))
                .isEqualTo(FieldType.LONG);
    }
}
