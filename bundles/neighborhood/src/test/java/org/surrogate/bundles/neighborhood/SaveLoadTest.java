package org.surrogate.bundles.neighborhood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

/** Save and load of every model of this bundle: identical scores, and clear errors for bad files. */
class SaveLoadTest {

    private static final LatentData DATA = new LatentData(120, 60, 12, 3, 0.5, 2.0, 11);

    /** A recommender with the parameters to fit it with. */
    private record Case(Recommender rec, Map<String, ?> params) {
        Params p() {
            return rec.descriptor().params().validate(params, "");
        }

        Model fit() {
            return rec.fit(DATA.train, p(), new RecordingRunContext(5));
        }

        String id() {
            return rec.descriptor().id();
        }
    }

    private static List<Case> cases() {
        return List.of(
                new Case(new ItemKnnRecommender(), Map.of("neighbors", 10)),
                new Case(new ItemKnnRecommender(), Map.of("binary", false, "shrinkage", 0.0)),
                new Case(new UserKnnRecommender(), Map.of("neighbors", 15)),
                new Case(new UserKnnRecommender(), Map.of("binary", false)),
                new Case(new EaseRecommender(), Map.of("lambda", 20.0)),
                new Case(new MarkovChainRecommender(), Map.of()),
                new Case(new MarkovChainRecommender(), Map.of("smoothing", 0.25, "order", "position")),
                new Case(new RandomRecommender(), Map.of()));
    }

    private static byte[] save(Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.save(out);
        return out.toByteArray();
    }

    private static Model load(Case c, byte[] bytes) throws IOException {
        return c.rec().load(new ByteArrayInputStream(bytes), c.p());
    }

    @Test
    void everyModelLoadsWithIdenticalScores() throws IOException {
        int users = DATA.train.numUsers();
        int[][] histories = {{3, 7, 1}, {}, {59}, {0, 0, 12}};
        for (Case c : cases()) {
            Model m = c.fit();
            byte[] bytes = save(m);
            Model loaded = load(c, bytes);
            assertEquals(m.numItems(), loaded.numItems(), c.id());
            assertArrayEquals(Fixtures.scoreAll(m, users), Fixtures.scoreAll(loaded, users), 0f, c.id());
            float[] some = new float[2 * m.numItems()];
            loaded.score(new int[] {users - 1, 4}, some);
            float[] all = Fixtures.scoreAll(m, users);
            assertArrayEquals(Arrays.copyOfRange(all, (users - 1) * m.numItems(), users * m.numItems()),
                    Arrays.copyOf(some, m.numItems()), 0f, c.id());
            if (c.rec() instanceof ItemKnnRecommender || c.rec() instanceof MarkovChainRecommender) {
                float[] a = new float[histories.length * m.numItems()];
                float[] b = new float[a.length];
                m.scoreHistories(histories, a);
                loaded.scoreHistories(histories, b);
                assertArrayEquals(a, b, 0f, c.id() + " histories");
            }
            // Saving is deterministic, and a loaded model saves to the same bytes.
            assertArrayEquals(bytes, save(loaded), c.id());
            assertArrayEquals(bytes, save(c.fit()), c.id());
        }
    }

    @Test
    void binaryRowsAreNotWrittenAndTheFormatIsCompact() throws IOException {
        ItemKnnModel m = (ItemKnnModel) cases().get(0).fit();
        int kept = m.neighbors().ids().length;
        int expected = 4 + 4 + 2 + "item-knn".length() + 5 * 4 + 4 // header and its checksum
                + 4 * (DATA.train.numUsers() + 1) + 4 * DATA.train.size() // user rows, values all 1: not written
                + 4 * (DATA.train.numItems() + 1) + 8 * kept // neighbours
                + 4; // checksum
        assertEquals(expected, save(m).length);
        // Rows with other values than 1 are written, and come back.
        for (Recommender rec : List.<Recommender>of(new ItemKnnRecommender(), new UserKnnRecommender())) {
            Params p = rec.descriptor().params().validate(Map.of("binary", false, "shrinkage", 0.0), "");
            Model valued = rec.fit(Fixtures.threeByThree(), p, new RecordingRunContext(1));
            Params b = rec.descriptor().params().validate(Map.of("shrinkage", 0.0), "");
            Model binary = rec.fit(Fixtures.threeByThree(), b, new RecordingRunContext(1));
            byte[] bytes = save(valued);
            Model loaded = rec.load(new ByteArrayInputStream(bytes), p);
            assertArrayEquals(Fixtures.scoreAll(valued, 3), Fixtures.scoreAll(loaded, 3), 0f);
            assertEquals(save(binary).length + 4 * 7, bytes.length, rec.descriptor().id());
        }
    }

    @Test
    void loadingReadsNoFurtherThanTheModel() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Case> cases = cases();
        for (Case c : cases) {
            c.fit().save(out);
        }
        out.write(42);
        InputStream in = new ByteArrayInputStream(out.toByteArray());
        for (Case c : cases) {
            Model loaded = c.rec().load(in, c.p());
            assertArrayEquals(Fixtures.scoreAll(c.fit(), 10), Fixtures.scoreAll(loaded, 10), 0f, c.id());
        }
        assertEquals(42, in.read());
    }

    @Test
    void everyTruncationGivesAClearError() throws IOException {
        for (Case c : cases()) {
            byte[] bytes = save(c.fit());
            for (int len : positions(bytes.length)) {
                byte[] cut = Arrays.copyOf(bytes, len);
                IOException e = assertThrows(IOException.class, () -> load(c, cut), c.id() + " cut at " + len);
                String msg = e.getMessage();
                assertTrue(msg.startsWith("recommender '" + c.id() + "': "), msg);
                assertTrue(msg.contains("saved model is truncated: the stream ended while reading ")
                        || msg.contains("the stream is empty or shorter than the 4-byte magic header"),
                        c.id() + " cut at " + len + ": " + msg);
            }
        }
        Case knn = cases().get(0);
        byte[] bytes = save(knn.fit());
        IOException e = assertThrows(IOException.class,
                () -> load(knn, Arrays.copyOf(bytes, bytes.length - 100)));
        assertEquals("recommender 'item-knn': saved model is truncated: the stream ended while reading the neighbour "
                + "similarities (" + ((ItemKnnModel) knn.fit()).neighbors().sims().length + " values)", e.getMessage());
        e = assertThrows(IOException.class, () -> load(knn, new byte[0]));
        assertEquals("recommender 'item-knn': the stream is empty or shorter than the 4-byte magic header of a saved "
                + "model", e.getMessage());
    }

    @Test
    void everyFlippedBitGivesAnIoException() throws IOException {
        for (Case c : cases()) {
            byte[] bytes = save(c.fit());
            // Every bit of the first 64 bytes (header, dimensions, checksum), one bit elsewhere.
            for (int pos : positions(bytes.length)) {
                for (int bit = 0; bit < (pos < 64 ? 8 : 1); bit++) {
                    byte[] bad = bytes.clone();
                    bad[pos] ^= (byte) (1 << ((pos + bit) % 8));
                    try {
                        load(c, bad);
                        fail(c.id() + ": a flipped bit at byte " + pos + " was not noticed");
                    } catch (IOException e) {
                        assertTrue(e.getMessage().startsWith("recommender '" + c.id() + "': "), e.getMessage());
                    }
                }
            }
        }
    }

    /** Every position of the first 64 bytes and the last 16, and about 200 spread over the rest. */
    private static int[] positions(int length) {
        int stride = Math.max(1, length / 200);
        return java.util.stream.IntStream.range(0, length)
                .filter(p -> p < 64 || p >= length - 16 || p % stride == 0).toArray();
    }

    @Test
    void damagedArraysAreReportedAsCorrupt() throws IOException {
        Case knn = cases().get(0);
        byte[] bytes = save(knn.fit());
        bytes[bytes.length - 10] ^= 0x10;
        IOException e = assertThrows(IOException.class, () -> load(knn, bytes));
        assertTrue(e.getMessage().startsWith("recommender 'item-knn': saved model is corrupt: the checksum of the "
                + "content does not match (stored 0x"), e.getMessage());
        byte[] header = save(knn.fit());
        header[20] ^= 0x01; // inside the dimensions
        e = assertThrows(IOException.class, () -> load(knn, header));
        assertTrue(e.getMessage().startsWith("recommender 'item-knn': saved model is corrupt: the checksum of the "
                + "header does not match"), e.getMessage());
    }

    @Test
    void structurallyWrongContentWithValidChecksumsIsRefused() throws IOException {
        // An item-knn model of 1 user and 3 items whose only neighbour id is 7.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFormat.Writer w = new ModelFormat.Writer(out, ItemKnnRecommender.ID);
        w.writeInt(1).writeInt(3).writeInt(1).writeInt(0).writeInt(1).endHeader();
        w.writeInts(new int[] {0, 1});
        w.writeInts(new int[] {2});
        w.writeInts(new int[] {0, 1, 1, 1});
        w.writeInts(new int[] {7});
        w.writeFloats(new float[] {0.5f});
        w.finish();
        Case knn = cases().get(0);
        IOException e = assertThrows(IOException.class, () -> load(knn, out.toByteArray()));
        assertEquals("recommender 'item-knn': saved model is corrupt: the neighbour ids hold 7 at position 0, outside "
                + "[0, 3)", e.getMessage());
    }

    @Test
    void wrongRecommenderVersionOrFormatIsNamed() throws IOException {
        List<Case> cases = cases();
        byte[] knn = save(cases.get(0).fit());
        IOException e = assertThrows(IOException.class, () -> load(cases.get(2), knn));
        assertEquals("recommender 'user-knn': saved model was written by recommender 'item-knn'; load it with that "
                + "recommender", e.getMessage());
        byte[] v2 = knn.clone();
        v2[7] = 2;
        e = assertThrows(IOException.class, () -> load(cases.get(0), v2));
        assertEquals("recommender 'item-knn': saved model has format version 2, this bundle reads version 1",
                e.getMessage());
        // A matrix factorization model ("SRMF") or any other file.
        byte[] mf = {0x53, 0x52, 0x4D, 0x46, 0, 0, 0, 1};
        e = assertThrows(IOException.class, () -> load(cases.get(4), mf));
        assertEquals("recommender 'ease': not a saved model of the neighborhood bundle (it starts with 0x53524D46, "
                + "expected 0x53524E42 \"SRNB\")", e.getMessage());
    }
}
