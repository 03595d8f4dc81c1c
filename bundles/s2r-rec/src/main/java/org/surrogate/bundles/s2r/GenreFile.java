package org.surrogate.bundles.s2r;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Item genres read from a MovieLens item file: {@code u.item} of MovieLens 100K (pipe-separated,
 * 19 genre flags in the order of {@code u.genre}) or {@code movies.csv} of the latest/25M releases
 * ({@code movieId,title,genres} with genres joined by '|', titles possibly quoted). The file is
 * named by a parameter of the genre-split simulator, because the loaders' datasets carry no item
 * metadata.
 */
final class GenreFile {

    /** The genres of u.item in the order of u.genre. */
    static final List<String> ML100K_GENRES = List.of("unknown", "Action", "Adventure", "Animation", "Children's",
            "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
            "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private final Map<String, Set<String>> genres;
    private final Set<String> known;

    private GenreFile(Map<String, Set<String>> genres, Set<String> known) {
        this.genres = genres;
        this.known = known;
    }

    /**
     * Reads a file.
     *
     * @param file u.item or movies.csv
     * @return the genres by item id
     * @throws IOException if it cannot be read; a malformed line is reported with file and line
     */
    static GenreFile read(Path file) throws IOException {
        boolean csv = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
        Map<String, Set<String>> genres = new HashMap<>();
        Set<String> known = new LinkedHashSet<>();
        try (BufferedReader in = Files.newBufferedReader(file, csv ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)) {
            String line;
            int no = 0;
            while ((line = in.readLine()) != null) {
                no++;
                if (line.isBlank() || (csv && no == 1 && line.startsWith("movieId"))) {
                    continue;
                }
                Set<String> g = new LinkedHashSet<>();
                String id;
                if (csv) {
                    int first = line.indexOf(',');
                    int last = line.lastIndexOf(',');
                    if (first <= 0 || last <= first) {
                        throw new IOException(file + ":" + no + ": expected movieId,title,genres");
                    }
                    id = line.substring(0, first).trim();
                    for (String s : line.substring(last + 1).trim().split("\\|")) {
                        if (!s.isBlank() && !s.equals("(no genres listed)")) {
                            g.add(s.trim());
                        }
                    }
                } else {
                    String[] f = line.split("\\|", -1);
                    if (f.length != 5 + ML100K_GENRES.size()) {
                        throw new IOException(file + ":" + no + ": expected " + (5 + ML100K_GENRES.size())
                                + " '|'-separated fields (u.item), found " + f.length);
                    }
                    id = f[0].trim();
                    for (int k = 0; k < ML100K_GENRES.size(); k++) {
                        String flag = f[5 + k].trim();
                        if (!flag.equals("0") && !flag.equals("1")) {
                            throw new IOException(file + ":" + no + ": genre flag " + (k + 1) + " must be 0 or 1, found '"
                                    + flag + "'");
                        }
                        if (flag.equals("1")) {
                            g.add(ML100K_GENRES.get(k));
                        }
                    }
                }
                known.addAll(g);
                genres.put(id, g);
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": genre file not found (genreFile names MovieLens u.item or movies.csv)", e);
        }
        if (genres.isEmpty()) {
            throw new IOException(file + ": no items");
        }
        return new GenreFile(genres, known);
    }

    Set<String> known() {
        return known;
    }

    boolean has(String itemId, String genre) {
        Set<String> g = genres.get(itemId);
        return g != null && g.contains(genre);
    }

    /** Items of a genre, for messages. */
    List<String> itemsOf(String genre) {
        List<String> out = new ArrayList<>();
        genres.forEach((id, g) -> {
            if (g.contains(genre)) {
                out.add(id);
            }
        });
        return out;
    }
}
