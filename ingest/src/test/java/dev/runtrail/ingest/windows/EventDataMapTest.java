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

    @Test
    void aMapOnALayoutBehavesLikeOneFilledNameByName() {
        String a = "SubjectUserSid";
        String b = "SubjectUserName";
        String c = "TargetLogonId";
        EventDataMap.Layout layout =
                EventDataMap.Layout.of(
                        List.of(a, b, c),
                        java.util.Arrays.asList("winlog.event_data." + a, null, null));
        EventDataMap map = new EventDataMap(2);
        map.adopt(layout);
        map.put(a, "winlog.event_data." + a, "S-1-5-18");
        // a name of the layout not stored yet is absent
        assertNull(map.get(b));
        assertFalse(map.containsKey(c));
        map.put(b, null, "SYSTEM");
        assertEquals("winlog.event_data." + a, map.ecsFieldAt(0));
        // a put out of the layout's order: the map goes on with its own arrays
        map.put("Extra", "x");
        map.put(b, null, "again");
        map.put(c, null, "0x3e7");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(a, "S-1-5-18");
        expected.put(b, "again");
        expected.put("Extra", "x");
        expected.put(c, "0x3e7");
        assertEquals(expected, map);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(map.keySet()));
        assertEquals("0x3e7", map.get(new String(c.toCharArray())));

        // cleared, it takes the layout again, and a fully filled one answers like any map
        map.clear();
        map.adopt(layout);
        map.put(a, "1");
        map.put(b, "2");
        map.put(c, "3");
        assertEquals(Map.of(a, "1", b, "2", c, "3"), map);
        assertEquals(List.of(a, b, c), new ArrayList<>(map.keySet()));
        // adopting is a no-op on a map that holds fields
        map.adopt(EventDataMap.Layout.of(List.of("Other"), java.util.Arrays.asList((String) null)));
        assertEquals(List.of(a, b, c), new ArrayList<>(map.keySet()));
        map.clear();
        map.put("Z", "z");
        assertEquals(Map.of("Z", "z"), map);
        assertNull(map.get(a));
    }

    @Test
    void repeatedNamesMakeNoLayout() {
        assertNull(
                EventDataMap.Layout.of(
                        List.of("Data", "Data"), java.util.Arrays.asList(null, null)));
    }
}
