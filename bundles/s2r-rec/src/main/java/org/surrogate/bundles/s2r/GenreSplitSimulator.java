package org.surrogate.bundles.s2r;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.Simulator;

/**
 * Sim and real environments from one rating dataset split by item genre (the paper's setup): the
 * simulation environment replays the ratings of genre {@code simGenre}, the real one those of
 * {@code realGenre}; items of both genres are dropped from both so the domains share no item. The
 * genres come from a MovieLens item file ({@code genreFile}), matched to the dataset's item ids.
 */
@Component(service = Simulator.class)
public final class GenreSplitSimulator implements Simulator {

    /** The plugin id. */
    public static final String ID = "s2r-genre-split";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SIMULATOR,
            "S2R-Rec genre-split sim/real environments",
            "Simulation environment on one genre's ratings, real environment on another's (no shared items), "
                    + "sessions of T steps with reward from the rating; real users split into a small training "
                    + "budget, validation and test; SVD item features per domain.",
            S2rPaper.REFERENCE, schema());

    private static ParamSchema schema() {
        List<ParamSpec> l = new ArrayList<>();
        l.add(ParamSpec.stringParam("genreFile").required()
                .help("MovieLens item file with genres: u.item (100K) or movies.csv (latest, 25M).").build());
        l.add(ParamSpec.stringParam("simGenre").defaultValue("Adventure").help("Genre of the simulation task.").build());
        l.add(ParamSpec.stringParam("realGenre").defaultValue("Crime").help("Genre of the real task.").build());
        l.add(ParamSpec.stringParam("pair").defaultValue("")
                .help("'Sim>Real' (such as Drama>Comedy) overrides simGenre and realGenre: one grid axis over pairs.")
                .build());
        l.addAll(TaskParams.specs(200, 10, 16));
        return new ParamSchema(l);
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Environment create(Dataset logs, Params params, RunContext ctx) {
        if (logs == null) {
            throw new IllegalArgumentException("simulator '" + ID + "' needs rating data: fill slot 'dataset'");
        }
        String simGenre = params.getString("simGenre");
        String realGenre = params.getString("realGenre");
        String pair = params.getString("pair").trim();
        if (!pair.isEmpty()) {
            String[] parts = pair.split(">", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("pair: expected 'SimGenre>RealGenre', found '" + pair + "'");
            }
            simGenre = parts[0].trim();
            realGenre = parts[1].trim();
        }
        if (simGenre.equals(realGenre)) {
            throw new IllegalArgumentException("realGenre: must differ from simGenre, both are '" + simGenre + "'");
        }
        GenreFile genres;
        try {
            genres = GenreFile.read(Path.of(params.getString("genreFile")));
        } catch (IOException e) {
            throw new UncheckedIOException("genreFile: " + e.getMessage(), e);
        }
        for (String[] g : new String[][] {{"simGenre", simGenre}, {"realGenre", realGenre}}) {
            if (!genres.known().contains(g[1])) {
                throw new IllegalArgumentException(g[0] + ": '" + g[1] + "' is not a genre of "
                        + params.getString("genreFile") + "; known: " + String.join(", ", genres.known()));
            }
        }
        boolean explicit = false;
        for (int i = 0; i < logs.size() && !explicit; i++) {
            explicit = logs.value(i) != logs.value(0);
        }
        if (!explicit) {
            throw new IllegalArgumentException("simulator '" + ID + "': dataset '" + logs.name()
                    + "' has one rating value only; load explicit ratings (no implicit threshold)");
        }
        int[] simIndex = new int[logs.numItems()];
        int[] realIndex = new int[logs.numItems()];
        List<String> simIds = new ArrayList<>();
        List<String> realIds = new ArrayList<>();
        for (int i = 0; i < logs.numItems(); i++) {
            String id = logs.itemId(i);
            boolean s = genres.has(id, simGenre);
            boolean r = genres.has(id, realGenre);
            simIndex[i] = s && !r ? simIds.size() : -1;
            realIndex[i] = r && !s ? realIds.size() : -1;
            if (simIndex[i] >= 0) {
                simIds.add(id);
            }
            if (realIndex[i] >= 0) {
                realIds.add(id);
            }
        }
        if (simIds.size() < 2 || realIds.size() < 2) {
            throw new IllegalArgumentException("simulator '" + ID + "': genres '" + simGenre + "' and '" + realGenre
                    + "' keep " + simIds.size() + " and " + realIds.size() + " items of dataset '" + logs.name()
                    + "' (items of both are dropped); does genreFile belong to this dataset?");
        }
        int users = logs.numUsers();
        String[] userIds = new String[users];
        int[][] si = new int[users][];
        float[][] sr = new float[users][];
        int[][] ri = new int[users][];
        float[][] rr = new float[users][];
        for (int u = 0; u < users; u++) {
            userIds[u] = logs.userId(u);
            int ns = 0;
            int nr = 0;
            for (int p = logs.begin(u); p < logs.end(u); p++) {
                ns += simIndex[logs.item(p)] >= 0 ? 1 : 0;
                nr += realIndex[logs.item(p)] >= 0 ? 1 : 0;
            }
            si[u] = new int[ns];
            sr[u] = new float[ns];
            ri[u] = new int[nr];
            rr[u] = new float[nr];
            ns = 0;
            nr = 0;
            for (int p = logs.begin(u); p < logs.end(u); p++) {
                int it = logs.item(p);
                if (simIndex[it] >= 0) {
                    si[u][ns] = simIndex[it];
                    sr[u][ns++] = logs.value(p);
                }
                if (realIndex[it] >= 0) {
                    ri[u][nr] = realIndex[it];
                    rr[u][nr++] = logs.value(p);
                }
            }
        }
        TaskBuilder.Domain sim = new TaskBuilder.Domain(simGenre, simIds.toArray(String[]::new), si, sr);
        TaskBuilder.Domain real = new TaskBuilder.Domain(realGenre, realIds.toArray(String[]::new), ri, rr);
        SimToRealTask task = TaskBuilder.build(logs.name() + " " + simGenre + "->" + realGenre, userIds, sim, real,
                TaskParams.split(params), TaskParams.rules(params), params.getInt("features"),
                TaskParams.simBasis(params), ctx.random("s2r-split"));
        ctx.log(System.Logger.Level.INFO, task.name());
        return new SimToRealEnvironment(task);
    }
}
