package dk.dialogue.ledger.query.audit.chain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each thread's chain stands while a pass streams events, in parallel arrays: about 125 bytes of heap a
 * thread where a map of objects took some 220, so that a pass holds nearly twice the threads and a large ledger
 * needs about half the passes over the event table. Threads are numbered in the order they were added; their UTF-8 ids
 * lie end to end in one array in that order, an open-addressing index finds a thread by its id, and the hash a
 * thread's next event chains to is copied into one array rather than kept as an object of its own.
 */
final class ChainTable {

    private static final int FIRST_CAPACITY = 1024;
    private static final int HASH = 32;
    private static final byte UNSEALED_SEEN = 1;
    /** The sealed head's hash is the previous hash, not in {@link #sealedHash}. */
    private static final byte SEALED_AT_PREVIOUS = 2;
    /** The previous hash is in {@link #oddPrevious}. */
    private static final byte ODD_PREVIOUS = 4;

    private final int maxThreads;
    private int size;
    /** Each thread's number plus one at the slot its id hashes to (linear probing); 0 where there is none. */
    private int[] index = new int[2 * FIRST_CAPACITY];
    private byte[] ids = new byte[32 * FIRST_CAPACITY];
    private int idsLength;
    private int[] idStart = new int[FIRST_CAPACITY];
    private long[] next = new long[FIRST_CAPACITY];
    /** The stored hash of each thread's last event, which the next one chains to, {@value #HASH} bytes a thread. */
    private byte[] previous = new byte[HASH * FIRST_CAPACITY];
    /** A stored hash that is not {@value #HASH} bytes long (a damaged one), kept as it is stored. */
    private byte[][] oddPrevious = new byte[FIRST_CAPACITY][];
    private long[] sealedSequence = new long[FIRST_CAPACITY];
    /** Set once later events have moved the previous hash on; {@code null} while it is the sealed head's. */
    private byte[][] sealedHash = new byte[FIRST_CAPACITY][];
    private int[] events = new int[FIRST_CAPACITY];
    private int[] sealedEvents = new int[FIRST_CAPACITY];
    private byte[] flags = new byte[FIRST_CAPACITY];

    /** @param maxThreads the most threads it will hold, so that it never grows beyond what that needs */
    ChainTable(int maxThreads) {
        this.maxThreads = maxThreads;
    }

    int size() {
        return size;
    }

    /** The thread's number, or -1 if it is not held. */
    int find(byte[] id) {
        int mask = index.length - 1;
        for (int slot = hash(id, 0, id.length) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
            int thread = index[slot] - 1;
            if (Arrays.equals(ids, idStart[thread], idEnd(thread), id, 0, id.length)) {
                return thread;
            }
        }
        return -1;
    }

    /** The thread's number, added with a chain at its start if it is not held yet. */
    int findOrAdd(byte[] id) {
        int thread = find(id);
        return thread >= 0 ? thread : add(id);
    }

    private int add(byte[] id) {
        if (size == idStart.length) {
            grow((int) Math.min(2L * size, Math.max(maxThreads, size + 1L)));
        }
        if (idsLength + id.length > ids.length) {
            // A quarter more at a time: the ids are a third of the table, and room kept spare is heap held.
            ids = Arrays.copyOf(ids, Math.max(idsLength + id.length, ids.length + (ids.length >> 2)));
        }
        int thread = size++;
        System.arraycopy(id, 0, ids, idsLength, id.length);
        idStart[thread] = idsLength;
        idsLength += id.length;
        if (2 * size > index.length) {
            index = new int[2 * index.length];
            for (int t = 0; t < size - 1; t++) {
                insert(t);
            }
        }
        insert(thread);
        return thread;
    }

    private void grow(int capacity) {
        idStart = Arrays.copyOf(idStart, capacity);
        next = Arrays.copyOf(next, capacity);
        previous = Arrays.copyOf(previous, HASH * capacity);
        oddPrevious = Arrays.copyOf(oddPrevious, capacity);
        sealedSequence = Arrays.copyOf(sealedSequence, capacity);
        sealedHash = Arrays.copyOf(sealedHash, capacity);
        events = Arrays.copyOf(events, capacity);
        sealedEvents = Arrays.copyOf(sealedEvents, capacity);
        flags = Arrays.copyOf(flags, capacity);
    }

    private void insert(int thread) {
        int mask = index.length - 1;
        int slot = hash(ids, idStart[thread], idEnd(thread)) & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = thread + 1;
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        // Spread the bits: linear probing wants neighbouring ids far apart.
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private int idEnd(int thread) {
        return thread + 1 < size ? idStart[thread + 1] : idsLength;
    }

    byte[] id(int thread) {
        return Arrays.copyOfRange(ids, idStart[thread], idEnd(thread));
    }

    String threadId(int thread) {
        return new String(ids, idStart[thread], idEnd(thread) - idStart[thread], StandardCharsets.UTF_8);
    }

    long next(int thread) {
        return next[thread];
    }

    /** The hash the thread's next event chains to: {@link Hashes#GENESIS} for a thread without events. */
    byte[] previous(int thread) {
        return (flags[thread] & ODD_PREVIOUS) != 0 ? oddPrevious[thread]
                : Arrays.copyOfRange(previous, HASH * thread, HASH * thread + HASH);
    }

    /** Counts an event and makes its stored hash the one the next event chains to. */
    void link(int thread, long sequence, byte[] hash) {
        if ((flags[thread] & SEALED_AT_PREVIOUS) != 0) {
            sealedHash[thread] = previous(thread);
            flags[thread] &= ~SEALED_AT_PREVIOUS;
        }
        events[thread]++;
        boolean odd = hash == null || hash.length != HASH;
        oddPrevious[thread] = odd ? hash : null;
        flags[thread] = (byte) (odd ? flags[thread] | ODD_PREVIOUS : flags[thread] & ~ODD_PREVIOUS);
        if (!odd) {
            System.arraycopy(hash, 0, previous, HASH * thread, HASH);
        }
        next[thread] = Math.max(next[thread], sequence + 1);
    }

    boolean unsealedSeen(int thread) {
        return (flags[thread] & UNSEALED_SEEN) != 0;
    }

    void markUnsealed(int thread) {
        flags[thread] |= UNSEALED_SEEN;
    }

    /** Makes the last linked event the thread's sealed head. */
    void sealLast(int thread, long sequence) {
        sealedEvents[thread]++;
        sealedSequence[thread] = sequence;
        sealedHash[thread] = null;
        flags[thread] |= SEALED_AT_PREVIOUS;
    }

    /** The thread's last sealed event, {@code null} if none is. */
    ChainHead sealedHead(int thread) {
        byte[] hash = (flags[thread] & SEALED_AT_PREVIOUS) != 0 ? previous(thread) : sealedHash[thread];
        return hash == null ? null : new ChainHead(threadId(thread), sealedSequence[thread], hash);
    }

    int events(int thread) {
        return events[thread];
    }

    int sealedEvents(int thread) {
        return sealedEvents[thread];
    }

    /** The threads' numbers in thread order: their ids' UTF-8 bytes compared unsigned. */
    int[] inThreadOrder() {
        int[] order = new int[size];
        Arrays.setAll(order, t -> t);
        int[] merged = new int[size];
        // Bottom-up merge sort on the numbers, so that no thread is boxed to be sorted.
        for (int width = 1; width < size; width *= 2) {
            for (int from = 0; from < size; from += 2 * width) {
                int middle = Math.min(from + width, size);
                int to = Math.min(from + 2 * width, size);
                int left = from;
                int right = middle;
                for (int k = from; k < to; k++) {
                    merged[k] = right >= to || left < middle && compare(order[left], order[right]) <= 0
                            ? order[left++] : order[right++];
                }
            }
            int[] swap = order;
            order = merged;
            merged = swap;
        }
        return order;
    }

    private int compare(int a, int b) {
        return Arrays.compareUnsigned(ids, idStart[a], idEnd(a), ids, idStart[b], idEnd(b));
    }

    /** Holds no thread, keeping its arrays for the next pass. */
    void clear() {
        retainBelow(null);
    }

    /**
     * Keeps only the threads before the given id in thread order ({@code null}: none), numbered anew in their old
     * order.
     */
    void retainBelow(byte[] bound) {
        int kept = 0;
        int keptIds = 0;
        for (int t = 0; bound != null && t < size; t++) {
            int start = idStart[t];
            int length = idEnd(t) - start;
            if (Arrays.compareUnsigned(ids, start, start + length, bound, 0, bound.length) >= 0) {
                continue;
            }
            // Ids lie in number order, so a kept id only ever moves towards the front.
            System.arraycopy(ids, start, ids, keptIds, length);
            idStart[kept] = keptIds;
            keptIds += length;
            next[kept] = next[t];
            System.arraycopy(previous, HASH * t, previous, HASH * kept, HASH);
            oddPrevious[kept] = oddPrevious[t];
            sealedSequence[kept] = sealedSequence[t];
            sealedHash[kept] = sealedHash[t];
            events[kept] = events[t];
            sealedEvents[kept] = sealedEvents[t];
            flags[kept] = flags[t];
            kept++;
        }
        Arrays.fill(previous, HASH * kept, HASH * size, (byte) 0);
        Arrays.fill(oddPrevious, kept, size, null);
        Arrays.fill(sealedHash, kept, size, null);
        Arrays.fill(next, kept, size, 0);
        Arrays.fill(sealedSequence, kept, size, 0);
        Arrays.fill(events, kept, size, 0);
        Arrays.fill(sealedEvents, kept, size, 0);
        Arrays.fill(flags, kept, size, (byte) 0);
        // idEnd of the last kept thread reads idsLength, so it must be set before the index is rebuilt.
        size = kept;
        idsLength = keptIds;
        Arrays.fill(index, 0);
        for (int t = 0; t < size; t++) {
            insert(t);
        }
    }
}
