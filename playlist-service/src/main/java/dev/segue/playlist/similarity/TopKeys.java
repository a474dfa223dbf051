package dev.segue.playlist.similarity;

import java.util.Arrays;

/**
 * The k largest of n primitive keys, best first, through a bounded min-heap: O(n log k) compares and no
 * allocation beyond the result, where sorting every scored row would cost O(n log n).
 */
public final class TopKeys {

    private TopKeys() {
    }

    /**
     * @return the {@code min(k, n)} largest of {@code keys[0..n)}, in descending order
     */
    public static long[] largest(long[] keys, int n, int k) {
        int capacity = Math.min(k, n);
        long[] heap = new long[capacity];
        int size = 0;
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            if (size < capacity) {
                heap[size] = key;
                siftUp(heap, size++);
            } else if (capacity > 0 && key > heap[0]) {
                heap[0] = key;
                siftDown(heap, capacity);
            }
        }
        Arrays.sort(heap);
        for (int i = 0, j = capacity - 1; i < j; i++, j--) {
            long t = heap[i];
            heap[i] = heap[j];
            heap[j] = t;
        }
        return heap;
    }

    private static void siftUp(long[] heap, int i) {
        long key = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= key) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = key;
    }

    private static void siftDown(long[] heap, int size) {
        long key = heap[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= key) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = key;
    }
}
