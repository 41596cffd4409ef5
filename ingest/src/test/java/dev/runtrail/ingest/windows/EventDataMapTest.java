package dev.runtrail.ingest.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventDataMapTest {
    @Test
    void behavesLikeALinkedHashMapForPutGetAndOrder() {
        EventDataMap map = new EventDataMap(4);
        Map<String, String> expected = new LinkedHashMap<>();
        // more names than the initial capacity, so the arrays and the index grow twice
        for (int i = 0; i < 19; i++) {
            String name = "Field" + (i * 7 % 19);
            map.put(name, "v" + i);
            expected.put(name, "v" + i);
        }
        // a repeated name keeps its first position and takes the new value, as in LinkedHashMap
        assertEquals("v3", map.put("Field2", "again"));
        expected.put("Field2", "again");

        assertEquals(expected, map);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(map.keySet()));
        List<String> byIndex = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            byIndex.add(map.keyAt(i) + "=" + map.valueAt(i));
        }
        List<String> expectedPairs = new ArrayList<>();
        expected.forEach((k, v) -> expectedPairs.add(k + "=" + v));
        assertEquals(expectedPairs, byIndex);
        assertEquals("again", map.get(new String("Field2".toCharArray())));
        assertTrue(map.containsKey("Field18"));
        assertFalse(map.containsKey("Field19"));
        assertNull(map.get("Missing"));
        assertNull(map.get(null));
    }

    @Test
    void aClearedMapIsEmptyAndFillsAgainInTheNewOrder() {
        EventDataMap map = new EventDataMap(4);
        for (int i = 0; i < 6; i++) {
            map.put("A" + i, "first" + i);
        }
        map.clear();
        assertEquals(0, map.size());
        assertNull(map.get("A1"));
        map.put("A3", "x");
        map.put("B", "y");
        assertEquals(List.of("A3", "B"), new ArrayList<>(map.keySet()));
        assertEquals("x", map.get("A3"));
        assertNull(map.get("A0"));

        // one very large record, then an ordinary one: nothing of the first is left
        for (int i = 0; i < 500; i++) {
            map.put("Big" + i, "v" + i);
        }
        map.clear();
        map.put("C", "z");
        assertEquals(Map.of("C", "z"), map);
        assertNull(map.get("Big499"));
    }
}
