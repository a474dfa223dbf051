package dev.segue.playlist.similarity;

import java.util.function.IntToLongFunction;

/**
 * Rows best first by an exact key that is costly to compute, given a cheap upper bound of each row's key: rows are
 * taken in bound order and scored exactly, and one is handed out once no bound left can beat it. The result is the
 * order of the exact keys, the same as scoring every row and sorting, while only the rows whose bound reaches the
 * ones handed out are ever scored. Keys are distinct (they carry the row in their low {@link #ROW_BITS} bits) and a
 * row's bound key is never below its exact key.
 */
public final class BestFirst {

    public static final int ROW_BITS = 24;
    private static final long ROW_MASK = (1L << ROW_BITS) - 1;

    /** Max-heap of the bound keys of the rows not yet scored. */
    private final long[] bounds;
    private int boundCount;
    /** Max-heap of the exact keys of the rows scored but not handed out. */
    private final long[] exact;
    private int exactCount;
    private final IntToLongFunction exactKey;
    private int scored;

    /**
     * @param boundKeys the rows' bound keys in {@code [0, n)}, taken over (reordered in place)
     * @param exactKey  a row's exact key
     */
    public BestFirst(long[] boundKeys, int n, IntToLongFunction exactKey) {
        this.bounds = boundKeys;
        this.boundCount = n;
        this.exact = new long[n];
        this.exactKey = exactKey;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(bounds, i, n);
        }
    }

    /** The row with the next best exact key, or -1 when every row was handed out. */
    public int next() {
        while (boundCount > 0 && (exactCount == 0 || bounds[0] > exact[0])) {
            int row = (int) (bounds[0] & ROW_MASK);
            bounds[0] = bounds[--boundCount];
            siftDown(bounds, 0, boundCount);
            exact[exactCount] = exactKey.applyAsLong(row);
            siftUp(exact, exactCount++);
            scored++;
        }
        if (exactCount == 0) {
            return -1;
        }
        int row = (int) (exact[0] & ROW_MASK);
        exact[0] = exact[--exactCount];
        siftDown(exact, 0, exactCount);
        return row;
    }

    /** Rows scored exactly so far. */
    public int scored() {
        return scored;
    }

    private static void siftUp(long[] heap, int i) {
        long key = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] >= key) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = key;
    }

    private static void siftDown(long[] heap, int i, int size) {
        long key = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] > heap[child]) {
                child++;
            }
            if (heap[child] <= key) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = key;
    }
}
