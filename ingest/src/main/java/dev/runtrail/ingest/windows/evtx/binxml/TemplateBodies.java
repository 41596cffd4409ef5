package dev.runtrail.ingest.windows.evtx.binxml;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed template bodies shared by all chunks of a file. Each chunk defines again the templates its
 * records use, usually with the same bytes; parsing them into nodes anew in every chunk was a tenth
 * of the time of a file whose chunks hold some fifty records each.
 *
 * <p>A definition's bytes are not the same from chunk to chunk even when its body is: names are
 * referenced by chunk offset, those it writes inline are followed by a link to the next name of
 * their hash bucket, and some are defined elsewhere in the chunk (often by the template before it).
 * So a body is only reused for data that matches a parsed one byte for byte outside those offsets,
 * where each inline name again points just past its own reference and each other name reference
 * leads to a name of the same text. A body that holds a template instance is not kept: it depends
 * on another definition's bytes.
 */
public final class TemplateBodies {
    /** Bound on bodies kept, so odd or hostile files cannot grow the cache forever. */
    private static final int MAX_BODIES = 1024;

    /** Bytes per inline name that hold chunk offsets: the reference, then the bucket link. */
    static final int INLINE_NAME_OFFSET_BYTES = 8;

    /** Resolves a name reference of the chunk being parsed. */
    interface Names {
        /** Whether the name at this chunk offset reads {@code text}; false if there is none. */
        boolean nameIs(int offset, String text);
    }

    private final Map<String, Body[]> bodies = new HashMap<>();
    private int size;
    private long reused;

    /**
     * A parsed body with the data it was parsed from.
     *
     * @param data the template data (after the 24-byte definition header)
     * @param names where each name reference starts, relative to the data, ascending
     * @param external for each name reference, the text of a name defined outside the data, or null
     *     for an inline one
     * @param depth the parser's nesting depth when the body was parsed: a deeper start could hit
     *     the depth limit where the first parse did not
     */
    private record Body(byte[] data, int[] names, String[] external, int depth, List<Node> body) {}

    /**
     * The body parsed earlier from data equal to {@code chunk[dataStart, dataStart + size)} (in the
     * sense above), when it was parsed at a depth no smaller than {@code depth}; else null. {@code
     * chunk} is the parser's little-endian buffer over the chunk's array.
     */
    List<Node> find(
            String guid, ByteBuffer chunk, int dataStart, int size, int depth, Names names) {
        Body[] candidates = bodies.get(guid);
        if (candidates == null) {
            return null;
        }
        for (Body b : candidates) {
            if (b.data.length == size && depth <= b.depth && matches(b, chunk, dataStart, names)) {
                reused++;
                return b.body;
            }
        }
        return null;
    }

    private static boolean matches(Body b, ByteBuffer buf, int dataStart, Names names) {
        byte[] chunk = buf.array();
        int from = 0;
        for (int i = 0; i < b.names.length; i++) {
            int name = b.names[i];
            if (!Arrays.equals(b.data, from, name, chunk, dataStart + from, dataStart + name)) {
                return false;
            }
            int offset = buf.getInt(dataStart + name);
            String external = b.external[i];
            if (external == null) {
                if (offset != dataStart + name + 4) {
                    return false;
                }
                from = name + INLINE_NAME_OFFSET_BYTES;
            } else {
                // (an offset just past the reference would be a name inline here, unlike before)
                if (offset == dataStart + name + 4 || !names.nameIs(offset, external)) {
                    return false;
                }
                from = name + 4;
            }
        }
        int size = b.data.length;
        return Arrays.equals(b.data, from, size, chunk, dataStart + from, dataStart + size);
    }

    /** How many definitions got a kept body instead of being parsed. */
    public long reused() {
        return reused;
    }

    /** Keeps a body parsed from {@code chunk[dataStart, dataStart + size)}. */
    void remember(
            String guid,
            ByteBuffer chunk,
            int dataStart,
            int length,
            int[] names,
            String[] external,
            int depth,
            List<Node> body) {
        if (size >= MAX_BODIES) {
            bodies.clear();
            size = 0;
        }
        Body b =
                new Body(
                        Arrays.copyOfRange(chunk.array(), dataStart, dataStart + length),
                        names,
                        external,
                        depth,
                        body);
        Body[] known = bodies.get(guid);
        Body[] grown;
        if (known == null) {
            grown = new Body[] {b};
        } else {
            grown = Arrays.copyOf(known, known.length + 1);
            grown[known.length] = b;
        }
        bodies.put(guid, grown);
        size++;
    }
}
