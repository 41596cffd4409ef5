package dev.runtrail.ingest.windows.evtx.binxml;

/**
 * The substitution values of one template instance: for each index, its type byte and where its
 * bytes lie in the chunk buffer. Values are decoded to text only when they are rendered.
 *
 * <p>Instances made with {@link #Values()} are refilled by {@link BinXmlParser#readInstance} for
 * record after record; what they hold is valid until the next fill.
 */
public final class Values {
    private int[] types;
    private int[] offsets;
    private int[] sizes;
    private int count;

    Values(int[] types, int[] offsets, int[] sizes) {
        this.types = types;
        this.offsets = offsets;
        this.sizes = sizes;
        this.count = types.length;
    }

    /** An empty holder to be filled by {@link BinXmlParser#readInstance}. */
    public Values() {
        this(new int[32], new int[32], new int[32]);
        count = 0;
    }

    /** Empties the holder for {@code n} values, growing it when needed. */
    void refill(int n) {
        if (n > types.length) {
            types = new int[n];
            offsets = new int[n];
            sizes = new int[n];
        }
        count = n;
    }

    void set(int i, int type, int offset, int size) {
        types[i] = type;
        offsets[i] = offset;
        sizes[i] = size;
    }

    public int count() {
        return count;
    }

    public int type(int i) {
        return types[i];
    }

    public int offset(int i) {
        return offsets[i];
    }

    public int size(int i) {
        return sizes[i];
    }
}
