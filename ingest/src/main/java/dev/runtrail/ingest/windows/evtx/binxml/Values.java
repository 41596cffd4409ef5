package dev.runtrail.ingest.windows.evtx.binxml;

/**
 * The substitution values of one template instance: for each index, its type byte and where its
 * bytes lie in the chunk buffer. Values are decoded to text only when they are rendered.
 */
public final class Values {
    private final int[] types;
    private final int[] offsets;
    private final int[] sizes;

    Values(int[] types, int[] offsets, int[] sizes) {
        this.types = types;
        this.offsets = offsets;
        this.sizes = sizes;
    }

    public int count() {
        return types.length;
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
