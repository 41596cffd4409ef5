package dev.runtrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link FieldMap} against {@link LinkedHashMap} as the oracle: long seeded random sequences of
 * every operation, with contents, order, equality and hash compared after each step, plus the edge
 * cases of order and iteration spelled out.
 */
class FieldMapTest {

    /**
     * Keys for the random runs: ECS-like names, pairs with equal {@code hashCode} ("Aa"/"BB" and
     * their concatenations) so probing meets equal hashes, and null.
     */
    private static final String[] KEYS = keyPool();

    private static String[] keyPool() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            keys.add("winlog.event_data.Field" + i);
        }
        keys.addAll(List.of("@timestamp", "event.code", "host.name", "user.name", "message"));
        keys.addAll(List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB"));
        keys.add(null);
        return keys.toArray(new String[0]);
    }

    @Test
    void randomOperationsMatchLinkedHashMap() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            int capacity = random.nextInt(5) == 0 ? random.nextInt(3) : random.nextInt(70);
            FieldMap map = new FieldMap(capacity);
            LinkedHashMap<String, Object> oracle = new LinkedHashMap<>();
            for (int step = 0; step < 3_000; step++) {
                String context = "seed " + seed + " step " + step;
                int op = random.nextInt(100);
                if (op < 2) {
                    // continue on a copy, as correlation state does
                    FieldMap copy = new FieldMap(map);
                    assertDeepCopy(map, copy, context);
                    map = copy;
                    oracle = new LinkedHashMap<>(oracle);
                } else {
                    apply(op, random, map, oracle, context);
                }
                assertSame(map, oracle, context);
            }
        }
    }

    /**
     * Maps that start on the layout of another map: puts that follow it, puts that leave it, and
     * every other operation, against the oracle as above.
     */
    @Test
    void mapsOnALayoutMatchLinkedHashMap() {
        for (long seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            FieldMap source = new FieldMap(random.nextInt(70));
            for (int i = random.nextInt(60); i > 0; i--) {
                source.put(randomKey(random), "s");
            }
            EcsDocument.Layout layout = source.layout();
            FieldMap map = new FieldMap(layout, random.nextInt(70));
            LinkedHashMap<String, Object> oracle = new LinkedHashMap<>();
            int keep = random.nextInt(source.size() + 1);
            for (int step = 0; step < 600; step++) {
                String context = "seed " + seed + " step " + step;
                int op = random.nextInt(100);
                if (step < keep || op < 50) {
                    putNextKeyOf(source, map, oracle, random, context);
                } else if (op < 52) {
                    FieldMap copy = new FieldMap(map);
                    assertDeepCopy(map, copy, context);
                    map = copy;
                    oracle = new LinkedHashMap<>(oracle);
                } else {
                    apply(op, random, map, oracle, context);
                }
                assertSame(map, oracle, context);
                if (step + 1 == keep && keep == source.size()) {
                    assertThat(map.layout()).as(context).isSameAs(layout);
                }
            }
            // the layout of what the map holds now
            FieldMap next = new FieldMap(map.layout(), 0);
            for (int i = 0; i < map.size(); i++) {
                next.put(map.keyAt(i), map.valueAt(i));
            }
            assertSame(next, oracle, "seed " + seed + " on the final layout");
        }
    }

    /**
     * A layout that remembers earlier ones: maps that follow an earlier layout move to it instead
     * of indexing their own keys, and any sequence still matches the oracle.
     */
    @Test
    void mapsOnALayoutWithEarlierOnesMatchLinkedHashMap() {
        for (long seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            FieldMap[] sources = new FieldMap[3];
            for (int s = 0; s < sources.length; s++) {
                sources[s] = new FieldMap(random.nextInt(40));
                // a shared start, then keys of their own
                int shared = random.nextInt(8);
                for (int i = 0; i < shared; i++) {
                    sources[s].put(("k" + i).intern(), "s");
                }
                for (int i = random.nextInt(30); i > 0; i--) {
                    sources[s].put(randomKey(random), "s");
                }
            }
            EcsDocument.Layout first = sources[0].layout();
            EcsDocument.Layout second = sources[1].layout();
            EcsDocument.Layout head = sources[2].layout().after(second.after(first));
            FieldMap follow = sources[random.nextInt(sources.length)];
            FieldMap map = new FieldMap(head, random.nextInt(40));
            LinkedHashMap<String, Object> oracle = new LinkedHashMap<>();
            int keep = random.nextInt(follow.size() + 1);
            for (int step = 0; step < 300; step++) {
                String context = "seed " + seed + " step " + step;
                int op = random.nextInt(100);
                if (step < keep || op < 50) {
                    putNextKeyOf(follow, map, oracle, random, context);
                } else {
                    apply(op, random, map, oracle, context);
                }
                assertSame(map, oracle, context);
                if (step + 1 == keep) {
                    assertThat(map.layout().keys)
                            .as(context)
                            .containsExactly(Arrays.copyOf(follow.layout().keys, keep));
                }
            }
        }
    }

    /**
     * Puts the next key of {@code source} (the very instance, as a parser would put it) into the
     * map and the oracle, once the map holds fewer keys than the source.
     */
    private static void putNextKeyOf(
            FieldMap source,
            FieldMap map,
            Map<String, Object> oracle,
            Random random,
            String context) {
        if (map.size() < source.size()) {
            String key = source.keyAt(map.size());
            Object value = randomValue(random);
            assertThat(map.put(key, value)).as(context).isEqualTo(oracle.put(key, value));
        }
    }

    @Test
    void aMapMovesToTheEarlierLayoutItFollowsWithoutIndexingItsKeys() {
        EcsDocument.Layout withIp = layoutOf("a", "b", "ip", "c");
        EcsDocument.Layout withoutIp = layoutOf("a", "b", "c");
        EcsDocument.Layout other = layoutOf("x");
        EcsDocument.Layout head = withIp.after(other.after(withoutIp));
        assertThat(head.others).extracting(l -> l.keys).containsExactly(other.keys, withoutIp.keys);

        FieldMap map = new FieldMap(head, 4);
        map.put("a", 1);
        map.put("b", 2);
        map.put("c", 3);
        assertThat(map.layout()).isSameAs(withoutIp);
        assertThat(map).containsExactly(entry("a", 1), entry("b", 2), entry("c", 3));
        assertThat(map.get("ip")).isNull();

        // a sequence that no layout has gets an index of its own
        FieldMap departing = new FieldMap(head, 4);
        departing.put("a", 1);
        departing.put("z", 2);
        assertThat(departing.layout().keys).containsExactly("a", "z");
        assertThat(departing.get("z")).isEqualTo(2);

        // at most three earlier layouts, the most recent first, none twice, not itself
        EcsDocument.Layout chain = withoutIp;
        for (String key : new String[] {"p", "q", "r", "s"}) {
            chain = layoutOf(key).after(chain);
        }
        assertThat(chain.others).extracting(l -> l.keys[0]).containsExactly("r", "q", "p");
        assertThat(withIp.after(withIp.after(withoutIp)).others)
                .extracting(l -> l.keys)
                .containsExactly(withoutIp.keys);
    }

    private static EcsDocument.Layout layoutOf(String... keys) {
        FieldMap map = new FieldMap(keys.length);
        for (String key : keys) {
            map.put(key, key);
        }
        return map.layout();
    }

    @Test
    void aCopyOfAMapPartWayThroughItsLayoutHoldsOnlyItsOwnKeys() {
        FieldMap source = new FieldMap(10);
        for (int i = 0; i < 10; i++) {
            source.put("k" + i, i);
        }
        FieldMap map = new FieldMap(source.layout(), 10);
        for (int i = 0; i < 9; i++) {
            map.put(source.keyAt(i), "v" + i);
        }
        FieldMap copy = new FieldMap(map);
        assertThat(copy.get("k9")).isNull();
        assertThat(copy.containsKey("k9")).isFalse();
        copy.put("k9", "late");
        copy.put("k10", "new");
        assertThat(copy.get("k9")).isEqualTo("late");
        assertThat(copy.size()).isEqualTo(11);
        assertThat(map.containsKey("k9")).isFalse();
        assertThat(map.layout().keys).hasSize(9);
    }

    private static void apply(
            int op,
            Random random,
            FieldMap map,
            LinkedHashMap<String, Object> oracle,
            String context) {
        String key = randomKey(random);
        Object value = randomValue(random);
        if (op < 40) {
            assertThat(map.put(key, value)).as(context).isEqualTo(oracle.put(key, value));
        } else if (op < 50) {
            assertThat(map.get(key)).as(context).isEqualTo(oracle.get(key));
            assertThat(map.containsKey(key)).as(context).isEqualTo(oracle.containsKey(key));
        } else if (op < 62) {
            assertThat(map.remove(key)).as(context).isEqualTo(oracle.remove(key));
        } else if (op < 70) {
            setValuesWhileIterating(random, map, oracle, context);
        } else if (op < 78) {
            removeWhileIterating(random, map, oracle, context);
        } else if (op < 82) {
            assertThat(map.putIfAbsent(key, value))
                    .as(context)
                    .isEqualTo(oracle.putIfAbsent(key, value));
        } else if (op < 85) {
            assertThat(map.merge(key, "m", (a, b) -> a + "+" + b))
                    .as(context)
                    .isEqualTo(oracle.merge(key, "m", (a, b) -> a + "+" + b));
        } else if (op < 86) {
            map.replaceAll((k, v) -> v instanceof Long l ? l + 1 : v);
            oracle.replaceAll((k, v) -> v instanceof Long l ? l + 1 : v);
        } else if (op < 88) {
            if (!oracle.isEmpty()) {
                int at = random.nextInt(oracle.size());
                map.setValueAt(at, value);
                oracle.put(new ArrayList<>(oracle.keySet()).get(at), value);
            }
        } else if (op < 91) {
            assertThat(map.keySet().remove(key)).as(context).isEqualTo(oracle.keySet().remove(key));
        } else if (op < 94) {
            Map.Entry<String, Object> entry =
                    new AbstractMap.SimpleEntry<>(randomKey(random), value);
            assertThat(map.entrySet().contains(entry))
                    .as(context)
                    .isEqualTo(oracle.entrySet().contains(entry));
            assertThat(map.entrySet().remove(entry))
                    .as(context)
                    .isEqualTo(oracle.entrySet().remove(entry));
        } else if (op < 97) {
            assertThat(map.containsValue(value)).as(context).isEqualTo(oracle.containsValue(value));
        } else if (op < 98) {
            map.clear();
            oracle.clear();
        } else {
            Map<String, Object> more = new LinkedHashMap<>();
            for (int i = random.nextInt(20); i > 0; i--) {
                more.put(randomKey(random), randomValue(random));
            }
            map.putAll(more);
            oracle.putAll(more);
        }
    }

    /** Walks both maps in step, setting some values through the entries. */
    private static void setValuesWhileIterating(
            Random random, FieldMap map, Map<String, Object> oracle, String context) {
        Iterator<Map.Entry<String, Object>> mine = map.entrySet().iterator();
        Iterator<Map.Entry<String, Object>> theirs = oracle.entrySet().iterator();
        while (theirs.hasNext()) {
            assertThat(mine.hasNext()).as(context).isTrue();
            Map.Entry<String, Object> a = mine.next();
            Map.Entry<String, Object> b = theirs.next();
            assertThat(a).as(context).isEqualTo(b);
            assertThat(a.hashCode()).as(context).isEqualTo(b.hashCode());
            if (random.nextInt(3) == 0) {
                Object value = randomValue(random);
                assertThat(a.setValue(value)).as(context).isEqualTo(b.setValue(value));
                assertThat(a.getValue()).as(context).isEqualTo(value);
            }
        }
        assertThat(mine.hasNext()).as(context).isFalse();
    }

    /** Walks both maps in step, removing some entries through the iterators. */
    private static void removeWhileIterating(
            Random random, FieldMap map, Map<String, Object> oracle, String context) {
        Iterator<Map.Entry<String, Object>> mine = map.entrySet().iterator();
        Iterator<Map.Entry<String, Object>> theirs = oracle.entrySet().iterator();
        int odds = 1 + random.nextInt(6);
        while (theirs.hasNext()) {
            assertThat(mine.next()).as(context).isEqualTo(theirs.next());
            if (random.nextInt(odds) == 0) {
                mine.remove();
                theirs.remove();
            }
        }
        assertThat(mine.hasNext()).as(context).isFalse();
    }

    /** A key from the pool; often a fresh equal copy, so lookups cannot rely on identity. */
    private static String randomKey(Random random) {
        String key = KEYS[random.nextInt(KEYS.length)];
        return key != null && random.nextBoolean() ? new String(key) : key;
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> (long) random.nextInt(5);
            case 2 -> List.of("a", "b" + random.nextInt(3));
            case 3 -> new ArrayList<>(List.of("x" + random.nextInt(3)));
            default -> "v" + random.nextInt(8);
        };
    }

    private static void assertSame(FieldMap map, Map<String, Object> oracle, String context) {
        assertThat(map.size()).as(context).isEqualTo(oracle.size());
        assertThat(map.isEmpty()).as(context).isEqualTo(oracle.isEmpty());
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            keys.add(map.keyAt(i));
            values.add(map.valueAt(i));
        }
        assertThat(keys).as(context).containsExactlyElementsOf(oracle.keySet());
        assertThat(values).as(context).containsExactlyElementsOf(oracle.values());
        assertThat(new ArrayList<>(map.keySet()))
                .as(context)
                .containsExactlyElementsOf(oracle.keySet());
        assertThat(new ArrayList<>(map.entrySet()))
                .as(context)
                .containsExactlyElementsOf(oracle.entrySet());
        List<String> visited = new ArrayList<>();
        map.forEach((k, v) -> visited.add(k));
        assertThat(visited).as(context).containsExactlyElementsOf(oracle.keySet());
        for (String key : KEYS) {
            assertThat(map.get(key)).as(context).isEqualTo(oracle.get(key));
            assertThat(map.containsKey(key)).as(context).isEqualTo(oracle.containsKey(key));
        }
        assertThat(map.equals(oracle)).as(context).isTrue();
        assertThat(oracle.equals(map)).as(context).isTrue();
        assertThat(map.hashCode()).as(context).isEqualTo(oracle.hashCode());
        assertThat(map.toString()).as(context).isEqualTo(oracle.toString());
    }

    private static void assertDeepCopy(FieldMap original, FieldMap copy, String context) {
        assertThat(copy).as(context).isEqualTo(original);
        for (int i = 0; i < original.size(); i++) {
            if (original.valueAt(i) instanceof List<?>) {
                assertThat(copy.valueAt(i)).as(context).isNotSameAs(original.valueAt(i));
            }
        }
    }

    @Test
    void puttingAnExistingKeyKeepsItsPlaceAndRemovingThenPuttingMovesItToTheEnd() {
        FieldMap map = new FieldMap(4);
        map.put("a", "1");
        map.put("b", "2");
        map.put("c", "3");
        map.put("a", "1b");
        assertThat(map.keySet()).containsExactly("a", "b", "c");
        assertThat(map.get("a")).isEqualTo("1b");
        map.remove("a");
        map.put("a", "1c");
        assertThat(map.keySet()).containsExactly("b", "c", "a");
    }

    @Test
    void entriesWriteThroughAndIteratorRemoveKeepsTheRestInOrder() {
        FieldMap map = new FieldMap(2);
        for (String k : List.of("a", "b", "c", "d", "e")) {
            map.put(k, k.toUpperCase());
        }
        Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
        Map.Entry<String, Object> a = it.next();
        assertThat(a.setValue("A2")).isEqualTo("A");
        Map.Entry<String, Object> b = it.next();
        it.remove();
        assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
        Map.Entry<String, Object> c = it.next();
        assertThat(c.getKey()).isEqualTo("c");
        c.setValue("C2"); // "c" moved down one place when "b" went
        assertThat(b.getValue()).isEqualTo("B"); // a removed entry keeps its last value
        assertThat(map)
                .containsExactly(
                        Map.entry("a", "A2"),
                        Map.entry("c", "C2"),
                        Map.entry("d", "D"),
                        Map.entry("e", "E"));
    }

    @Test
    void iteratorsFailFastOnChangesMadeBesideThem() {
        FieldMap map = new FieldMap(4);
        map.put("a", 1L);
        map.put("b", 2L);
        Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
        it.next();
        map.put("a", 3L); // replacing a value is not a structural change
        it.next();
        map.put("c", 4L);
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> map.forEach((k, v) -> map.remove("c")))
                .isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void growsFromEmptyAndHoldsManyKeys() {
        FieldMap map = new FieldMap(0);
        LinkedHashMap<String, Object> oracle = new LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String key = "k" + (i * 7919 % 20_000);
            map.put(key, (long) i);
            oracle.put(key, (long) i);
        }
        for (int i = 0; i < 20_000; i += 3) {
            assertThat(map.remove("k" + i)).isEqualTo(oracle.remove("k" + i));
        }
        assertThat(map).isEqualTo(oracle);
        assertThat(new ArrayList<>(map.keySet())).containsExactlyElementsOf(oracle.keySet());
        assertThat(new FieldMap(map).keySet()).containsExactlyElementsOf(oracle.keySet());
    }

    @Test
    void foreignKeysAreAbsentAndPositionsAreChecked() {
        FieldMap map = new FieldMap(2);
        map.put("a", "x");
        assertThat(map.get(1)).isNull();
        assertThat(map.containsKey(1)).isFalse();
        assertThat(map.remove(1)).isNull();
        assertThat(map.equals(new TreeMap<>(Map.of("a", "x")))).isTrue();
        assertThat(map.equals(Map.of("a", "y"))).isFalse();
        assertThatThrownBy(() -> map.keyAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> map.valueAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> map.setValueAt(1, "y"))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new FieldMap(-1)).hasMessage("Capacity must not be negative: -1");
    }
}
