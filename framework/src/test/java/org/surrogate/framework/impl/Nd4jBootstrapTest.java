package org.surrogate.framework.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class Nd4jBootstrapTest {

    @Test
    void sameDiffSessionsFreeReleasedArraysInsteadOfCachingThem() {
        Nd4jBootstrap.initialise();
        assertEquals("false", System.getProperty(Nd4jBootstrap.SAMEDIFF_ARRAY_CACHE));
        // The manager every SameDiff session gets by default: with the property it frees on release.
        ArrayCacheMemoryMgr sessionMemory = new ArrayCacheMemoryMgr();
        INDArray intermediate = sessionMemory.allocate(false, DataType.FLOAT, 1000, 100);
        sessionMemory.release(intermediate);
        assertTrue(intermediate.wasClosed(), "a released intermediate is freed at once, not kept in a cache");
        assertEquals(0, sessionMemory.getCurrentCacheSize());
    }
}
