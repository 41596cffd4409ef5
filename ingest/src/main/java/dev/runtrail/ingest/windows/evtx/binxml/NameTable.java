package dev.runtrail.ingest.windows.evtx.binxml;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Element and attribute names shared by all chunks of a file. Every chunk repeats the names of the
 * templates it uses, and decoding them afresh in each chunk (a new String, its hash, its tags) was
 * a large share of a chunk's cost when a chunk holds only some fifty records. A name is looked up
 * by the hash and length stored with it in the chunk and confirmed by comparing its UTF-16 bytes,
 * so a wrong stored hash costs a miss, never a wrong name.
 */
public final class NameTable {
    /** Bound on distinct names kept, so odd or hostile files cannot grow the table forever. */
    private static final int MAX_NAMES = 8192;

    /** A decoded name with the XML pieces the writer needs for it, built once. */
    public record Name(
            String text, String openTag, String closeTag, String attributePrefix, byte[] utf16) {
        static Name of(String text, byte[] utf16) {
            return new Name(text, "<" + text, "</" + text + ">", " " + text + "=\"", utf16);
        }
    }

    private final Map<Integer, Name[]> names = new HashMap<>();
    private int size;

    /**
     * The name whose {@code byteLength} UTF-16LE bytes start at {@code offset} of the chunk; {@code
     * storedHash} is the 16-bit hash the chunk keeps next to it.
     */
    Name intern(ByteBuffer chunk, int offset, int byteLength, int storedHash) {
        byte[] array = chunk.array();
        int base = chunk.arrayOffset() + offset;
        Integer key = (byteLength << 16) ^ storedHash;
        Name[] bucket = names.get(key);
        if (bucket != null) {
            for (Name n : bucket) {
                if (Arrays.equals(n.utf16(), 0, byteLength, array, base, base + byteLength)) {
                    return n;
                }
            }
        }
        Name name =
                Name.of(
                        ValueFormatter.utf16(chunk, offset, byteLength),
                        Arrays.copyOfRange(array, base, base + byteLength));
        if (size < MAX_NAMES) {
            size++;
            Name[] grown;
            if (bucket == null) {
                grown = new Name[] {name};
            } else {
                grown = Arrays.copyOf(bucket, bucket.length + 1);
                grown[bucket.length] = name;
            }
            names.put(key, grown);
        }
        return name;
    }
}
