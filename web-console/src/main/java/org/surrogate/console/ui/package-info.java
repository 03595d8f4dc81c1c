/**
 * The web console's pages, served by the same Jetty as the REST API: HTML pages at {@code /},
 * their scripts and style sheet under {@code /ui/}, and Apache ECharts from its WebJar under
 * {@code /webjars/echarts/}. The pages are static; everything they show comes from
 * {@code /api/v1} through the browser session (cookie and {@code X-CSRF-Token}).
 */
package org.surrogate.console.ui;
