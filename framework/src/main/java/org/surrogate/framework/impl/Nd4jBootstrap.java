package org.surrogate.framework.impl;

import org.nd4j.linalg.factory.Nd4j;

/** Initialises ND4J on the host, once, before any bundle runs. */
final class Nd4jBootstrap {

    private static final System.Logger LOG = System.getLogger(Nd4jBootstrap.class.getName());

    private Nd4jBootstrap() {
    }

    static void initialise() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        Nd4j.create(1);
        LOG.log(System.Logger.Level.INFO, "ND4J backend " + backend + ", data type " + Nd4j.dataType());
    }
}
