package org.surrogate.console.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Build facts the pages need, from the filtered {@code ui.properties}: the ECharts version, which
 * is part of its WebJar's path.
 *
 * @param echartsVersion the version of the ECharts WebJar, such as {@code 5.3.1}
 */
record UiSettings(String echartsVersion) {

    /** Checks the version. */
    UiSettings {
        if (echartsVersion == null || !echartsVersion.matches("[0-9][0-9A-Za-z.+-]*")) {
            throw new IllegalArgumentException("echarts.version: expected a version such as 5.3.1, found '"
                    + echartsVersion + "'");
        }
    }

    /**
     * Reads the settings from the class path.
     *
     * @return the settings
     * @throws IllegalStateException if {@code ui.properties} is missing
     */
    static UiSettings load() {
        String name = WebUi.RESOURCES + "ui.properties";
        try (InputStream in = UiSettings.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("web console: " + name + " is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return new UiSettings(p.getProperty("echarts.version"));
        } catch (IOException e) {
            throw new UncheckedIOException("web console: cannot read " + name, e);
        }
    }
}
