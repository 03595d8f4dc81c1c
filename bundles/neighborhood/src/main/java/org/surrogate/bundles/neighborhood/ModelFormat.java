package org.surrogate.bundles.neighborhood;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The binary format of the saved models of this bundle, and its reader and writer.
 *
 * <p>Layout (big-endian): int magic {@value #MAGIC_HEX} ("SRNB"), int format version
 * {@value #VERSION}, the recommender id (modified UTF-8), the model's dimensions (ints, floats and
 * longs; every array length that follows is derived from them), int checksum of the header, the
 * arrays as raw big-endian values, int checksum of the whole file. Both checksums are CRC-32C of
 * every byte before them. The header checksum lets a reader refuse a damaged header before it
 * allocates arrays sized by it; the final one catches damage in the arrays. After the checksums
 * the reader also checks the structure (offsets increasing, ids in range), so a file that passes
 * never makes a model fail later.
 *
 * <p>Errors are {@link IOException}s naming the recommender and what is wrong: not a model of this
 * bundle (the magic), another format version, another recommender, truncated (and while reading
 * what), or corrupt (which checksum or which structural rule).
 */
final class ModelFormat {

    /** The first four bytes of a saved model, "SRNB". */
    static final int MAGIC = 0x53524E42;
    /** The magic as hex, for messages and javadoc. */
    static final String MAGIC_HEX = "0x53524E42";
    /** The format version written and read. */
    static final int VERSION = 1;

    /** Values per chunk when copying arrays through a byte buffer. */
    private static final int CHUNK = 8192;

    private ModelFormat() {
    }

    /** Writes one model: header, dimensions, {@link #endHeader()}, arrays, {@link #finish()}. */
    static final class Writer {
        private final CRC32C crc = new CRC32C();
        private final DataOutputStream data;
        private final ByteBuffer buffer = ByteBuffer.allocate(4 * CHUNK);

        /**
         * Starts a model: writes the magic, the version and the recommender id.
         *
         * @param out the stream; not closed
         * @param id  the recommender id
         * @throws IOException if writing fails
         */
        Writer(OutputStream out, String id) throws IOException {
            this.data = new DataOutputStream(new CheckedOutputStream(out, crc));
            data.writeInt(MAGIC);
            data.writeInt(VERSION);
            data.writeUTF(id);
        }

        Writer writeInt(int v) throws IOException {
            data.writeInt(v);
            return this;
        }

        Writer writeLong(long v) throws IOException {
            data.writeLong(v);
            return this;
        }

        Writer writeFloat(float v) throws IOException {
            data.writeFloat(v);
            return this;
        }

        /** Ends the header: writes the checksum of everything so far. */
        void endHeader() throws IOException {
            data.writeInt((int) crc.getValue());
        }

        /** Ends the header and the model, for models without arrays. */
        void endHeaderAndFinish() throws IOException {
            endHeader();
            finish();
        }

        void writeInts(int[] values) throws IOException {
            writeInts(values, values.length);
        }

        void writeInts(int[] values, int count) throws IOException {
            for (int from = 0; from < count; from += CHUNK) {
                int n = Math.min(CHUNK, count - from);
                buffer.clear();
                buffer.asIntBuffer().put(values, from, n);
                data.write(buffer.array(), 0, 4 * n);
            }
        }

        void writeFloats(float[] values) throws IOException {
            for (int from = 0; from < values.length; from += CHUNK) {
                int n = Math.min(CHUNK, values.length - from);
                buffer.clear();
                buffer.asFloatBuffer().put(values, from, n);
                data.write(buffer.array(), 0, 4 * n);
            }
        }

        /** Ends the model: writes the checksum of the whole file and flushes. */
        void finish() throws IOException {
            data.writeInt((int) crc.getValue());
            data.flush();
        }
    }

    /** Reads one model, in the order it was written; every failure is an IOException naming the model. */
    static final class Reader {
        private final CRC32C crc = new CRC32C();
        private final DataInputStream data;
        private final String id;
        private final byte[] bytes = new byte[4 * CHUNK];

        /**
         * Reads and checks the magic, the version and the recommender id.
         *
         * @param in the stream; not closed, and not read past the end of the model
         * @param id the recommender that is loading
         * @throws IOException if the stream is not a model of this bundle, of this version and of {@code id}
         */
        Reader(InputStream in, String id) throws IOException {
            this.data = new DataInputStream(new CheckedInputStream(in, crc));
            this.id = id;
            int magic;
            try {
                magic = data.readInt();
            } catch (EOFException e) {
                throw new IOException(prefix() + "the stream is empty or shorter than the 4-byte magic header "
                        + "of a saved model", e);
            }
            if (magic != MAGIC) {
                throw new IOException(prefix() + "not a saved model of the neighborhood bundle (it starts with 0x"
                        + String.format("%08X", magic) + ", expected " + MAGIC_HEX + " \"SRNB\")");
            }
            int version = readInt("the format version");
            if (version != VERSION) {
                throw new IOException(prefix() + "saved model has format version " + version
                        + ", this bundle reads version " + VERSION);
            }
            String written;
            try {
                written = data.readUTF();
            } catch (EOFException e) {
                throw truncated("the recommender id", e);
            } catch (UTFDataFormatException e) {
                throw corrupt("the recommender id is not valid modified UTF-8 (" + e.getMessage() + ")");
            }
            if (!written.equals(id)) {
                throw new IOException(prefix() + "saved model was written by recommender '" + written
                        + "'; load it with that recommender");
            }
        }

        private String prefix() {
            return "recommender '" + id + "': ";
        }

        private IOException truncated(String what, EOFException e) {
            return new IOException(prefix() + "saved model is truncated: the stream ended while reading " + what,
                    e);
        }

        /**
         * An error for a model whose content breaks a rule.
         *
         * @param what the rule broken
         * @return the exception to throw
         */
        IOException corrupt(String what) {
            return new IOException(prefix() + "saved model is corrupt: " + what);
        }

        int readInt(String what) throws IOException {
            try {
                return data.readInt();
            } catch (EOFException e) {
                throw truncated(what, e);
            }
        }

        long readLong(String what) throws IOException {
            try {
                return data.readLong();
            } catch (EOFException e) {
                throw truncated(what, e);
            }
        }

        float readFloat(String what) throws IOException {
            try {
                return data.readFloat();
            } catch (EOFException e) {
                throw truncated(what, e);
            }
        }

        /**
         * Reads a non-negative dimension of the header.
         *
         * @param what its name
         * @return the value
         * @throws IOException if truncated or negative
         */
        int readCount(String what) throws IOException {
            int v = readInt(what);
            if (v < 0 || v > Integer.MAX_VALUE - 16) {
                throw corrupt(what + " is " + v + ", outside [0, " + (Integer.MAX_VALUE - 16) + "]");
            }
            return v;
        }

        /** Reads and compares the header checksum. */
        void endHeader() throws IOException {
            check("header");
        }

        /** Reads and compares the checksum of the whole file. */
        void finish() throws IOException {
            check("content");
        }

        private void check(String part) throws IOException {
            int expected = (int) crc.getValue();
            int stored = readInt("the checksum of the " + part);
            if (stored != expected) {
                throw corrupt(String.format("the checksum of the %s does not match (stored 0x%08X, computed 0x%08X)",
                        part, stored, expected));
            }
        }

        int[] readInts(int count, String what) throws IOException {
            int[] values = new int[count];
            try {
                for (int from = 0; from < count; from += CHUNK) {
                    int n = Math.min(CHUNK, count - from);
                    data.readFully(bytes, 0, 4 * n);
                    ByteBuffer.wrap(bytes, 0, 4 * n).asIntBuffer().get(values, from, n);
                }
            } catch (EOFException e) {
                throw truncated(what + " (" + count + " values)", e);
            }
            return values;
        }

        float[] readFloats(int count, String what) throws IOException {
            float[] values = new float[count];
            try {
                for (int from = 0; from < count; from += CHUNK) {
                    int n = Math.min(CHUNK, count - from);
                    data.readFully(bytes, 0, 4 * n);
                    ByteBuffer.wrap(bytes, 0, 4 * n).asFloatBuffer().get(values, from, n);
                }
            } catch (EOFException e) {
                throw truncated(what + " (" + count + " values)", e);
            }
            return values;
        }

        /**
         * Checks compressed-row offsets: {@code rows + 1} values from 0 to {@code entries}, never
         * decreasing.
         *
         * @param offsets the offsets
         * @param entries the number of entries
         * @param what    their name
         * @throws IOException if they break the rule
         */
        void checkOffsets(int[] offsets, int entries, String what) throws IOException {
            if (offsets[0] != 0 || offsets[offsets.length - 1] != entries) {
                throw corrupt(what + " run from " + offsets[0] + " to " + offsets[offsets.length - 1]
                        + ", expected 0 to " + entries);
            }
            for (int r = 0; r + 1 < offsets.length; r++) {
                if (offsets[r + 1] < offsets[r]) {
                    throw corrupt(what + " decrease at row " + r);
                }
            }
        }

        /**
         * Checks ids are in {@code [0, limit)}.
         *
         * @param ids   the ids
         * @param limit the bound
         * @param what  their name
         * @throws IOException if one is out of range
         */
        void checkIds(int[] ids, int limit, String what) throws IOException {
            for (int k = 0; k < ids.length; k++) {
                if (ids[k] < 0 || ids[k] >= limit) {
                    throw corrupt(what + " hold " + ids[k] + " at position " + k + ", outside [0, " + limit + ")");
                }
            }
        }
    }

    // ---- shared parts ----

    /** Whether every value of the rows is 1, so they need not be written. */
    static boolean allOnes(SparseRows rows) {
        for (float v : rows.vals()) {
            if (v != 1f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the arrays of sparse rows (the dimensions are in the header); values only if asked.
     *
     * @param w      the writer
     * @param rows   the rows
     * @param values whether to write the values
     * @throws IOException if writing fails
     */
    static void writeRows(Writer w, SparseRows rows, boolean values) throws IOException {
        w.writeInts(rows.offsets());
        w.writeInts(rows.cols());
        if (values) {
            w.writeFloats(rows.vals());
        }
    }

    /**
     * Reads sparse rows written by {@link #writeRows}; values are all 1 when not written.
     *
     * @param r       the reader
     * @param rows    the number of rows
     * @param entries the number of entries
     * @param values  whether values were written
     * @param what    their name, for messages
     * @return the rows (not yet checked)
     * @throws IOException if truncated
     */
    static SparseRows readRows(Reader r, int rows, int entries, boolean values, String what) throws IOException {
        int[] off = r.readInts(rows + 1, what + " offsets");
        int[] cols = r.readInts(entries, what + " columns");
        float[] vals;
        if (values) {
            vals = r.readFloats(entries, what + " values");
        } else {
            vals = new float[entries];
            java.util.Arrays.fill(vals, 1f);
        }
        return new SparseRows(off, cols, vals);
    }

    /**
     * Checks sparse rows: offsets and columns in {@code [0, numCols)}.
     *
     * @param r       the reader, for the error
     * @param rows    the rows
     * @param numCols the number of columns
     * @param what    their name
     * @throws IOException if they break a rule
     */
    static void checkRows(Reader r, SparseRows rows, int numCols, String what) throws IOException {
        r.checkOffsets(rows.offsets(), rows.cols().length, what + " offsets");
        r.checkIds(rows.cols(), numCols, what + " columns");
    }

    /**
     * Writes neighbours (the dimensions are in the header).
     *
     * @param w  the writer
     * @param nb the neighbours
     * @throws IOException if writing fails
     */
    static void writeNeighbors(Writer w, Neighbors nb) throws IOException {
        w.writeInts(nb.offsets());
        w.writeInts(nb.ids());
        w.writeFloats(nb.sims());
    }

    /** A kNN model's parts: the users' rows, the kept neighbours, the catalogue size. */
    record KnnParts(SparseRows rows, Neighbors neighbors, int numItems) {
    }

    /**
     * Writes the layout the item-kNN and user-kNN models share: header (users, items, entries,
     * values flag, kept neighbours), the user rows, the neighbours.
     */
    static void writeKnn(OutputStream out, String id, SparseRows byUser, int numItems, Neighbors neighbors)
            throws IOException {
        boolean values = !allOnes(byUser);
        Writer w = new Writer(out, id);
        w.writeInt(byUser.numRows()).writeInt(numItems).writeInt(byUser.cols().length).writeInt(values ? 1 : 0)
                .writeInt(neighbors.ids().length).endHeader();
        writeRows(w, byUser, values);
        writeNeighbors(w, neighbors);
        w.finish();
    }

    /**
     * Reads what {@link #writeKnn} wrote.
     *
     * @param in            the stream; not closed
     * @param id            the recommender id the model must carry
     * @param itemNeighbors whether the neighbours are items (item-kNN) or users (user-kNN)
     * @return the parts
     * @throws IOException if the stream is unreadable, truncated, corrupt or another model
     */
    static KnnParts readKnn(InputStream in, String id, boolean itemNeighbors) throws IOException {
        Reader r = new Reader(in, id);
        int users = r.readCount("the number of users");
        int items = r.readCount("the number of items");
        int entries = r.readCount("the number of user entries");
        int values = r.readInt("the values flag");
        int kept = r.readCount("the number of kept neighbours");
        r.endHeader();
        if (values != 0 && values != 1) {
            throw r.corrupt("the values flag is " + values + ", expected 0 or 1");
        }
        SparseRows rows = readRows(r, users, entries, values == 1, "the user rows'");
        Neighbors nb = readNeighbors(r, itemNeighbors ? items : users, kept);
        r.finish();
        checkRows(r, rows, items, "the user rows'");
        checkNeighbors(r, nb);
        return new KnnParts(rows, nb, items);
    }

    /**
     * Reads neighbours written by {@link #writeNeighbors}.
     *
     * @param r        the reader
     * @param entities the number of entities
     * @param kept     the number of kept neighbours
     * @return the neighbours (not yet checked)
     * @throws IOException if truncated
     */
    static Neighbors readNeighbors(Reader r, int entities, int kept) throws IOException {
        int[] off = r.readInts(entities + 1, "the neighbour offsets");
        int[] ids = r.readInts(kept, "the neighbour ids");
        float[] sims = r.readFloats(kept, "the neighbour similarities");
        return new Neighbors(off, ids, sims);
    }

    /**
     * Checks neighbours: offsets and ids in {@code [0, entities)}.
     *
     * @param r  the reader, for the error
     * @param nb the neighbours
     * @throws IOException if they break a rule
     */
    static void checkNeighbors(Reader r, Neighbors nb) throws IOException {
        r.checkOffsets(nb.offsets(), nb.ids().length, "the neighbour offsets");
        r.checkIds(nb.ids(), nb.size(), "the neighbour ids");
    }
}
