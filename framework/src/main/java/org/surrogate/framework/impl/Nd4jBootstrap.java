package org.surrogate.framework.impl;

import org.nd4j.linalg.factory.Nd4j;

/** Initialises ND4J on the host, once, before any bundle runs. */
final class Nd4jBootstrap {

    private static final System.Logger LOG = System.getLogger(Nd4jBootstrap.class.getName());

    /**
     * The system property (so named in ND4J 1.0.0-M2.1) that makes SameDiff's default session memory
     * manager free an intermediate array when the session releases it, instead of caching it for reuse
     * up to a quarter of JavaCPP's maxBytes per session, which let a process with a dozen networks
     * grow by gigabytes. Set to "false" unless the user set it; arithmetic is unchanged.
     */
    static final String SAMEDIFF_ARRAY_CACHE = "org.nd4j.autodiff.samediff";

    private Nd4jBootstrap() {
    }

    static void initialise() {
        if (System.getProperty(SAMEDIFF_ARRAY_CACHE) == null) {
            System.setProperty(SAMEDIFF_ARRAY_CACHE, "false");
        }
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        Nd4j.create(1);
        LOG.log(System.Logger.Level.INFO, "ND4J backend " + backend + ", data type " + Nd4j.dataType()
                + ", SameDiff array cache " + System.getProperty(SAMEDIFF_ARRAY_CACHE));
    }
}
