package org.surrogate.framework.impl;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunRepository;
import org.surrogate.repository.RunStore;

/**
 * Where a trial writes its run directory: the repository (directory and index) in the server, the
 * run store alone in a worker process (the server indexes the run when the worker ends).
 */
interface RunSink {

    void save(RunRecord r);

    void saveCurves(String id, Map<String, List<double[]>> curves);

    /**
     * Writes a running trial's partial curves to its run directory only: they survive a crash
     * (recovery indexes them), and the index, whose every change invalidates the cached search
     * answers, changes when the trial ends rather than every flush.
     */
    void flushCurves(String id, Map<String, List<double[]>> curves);

    Path dir(String id);

    static RunSink of(RunRepository repo) {
        return new RunSink() {
            @Override
            public void save(RunRecord r) {
                repo.save(r);
            }

            @Override
            public void saveCurves(String id, Map<String, List<double[]>> curves) {
                repo.saveCurves(id, curves);
            }

            @Override
            public void flushCurves(String id, Map<String, List<double[]>> curves) {
                repo.store().writeCurves(id, curves);
            }

            @Override
            public Path dir(String id) {
                return repo.store().dir(id);
            }
        };
    }

    static RunSink of(RunStore store) {
        return new RunSink() {
            @Override
            public void save(RunRecord r) {
                store.write(r);
            }

            @Override
            public void saveCurves(String id, Map<String, List<double[]>> curves) {
                store.writeCurves(id, curves);
            }

            @Override
            public void flushCurves(String id, Map<String, List<double[]>> curves) {
                store.writeCurves(id, curves);
            }

            @Override
            public Path dir(String id) {
                return store.dir(id);
            }
        };
    }
}
