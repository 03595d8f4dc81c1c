/**
 * The Surrogate server and command line: {@link org.surrogate.console.Main} (the {@code serve}
 * command and the HTTP client commands), {@link org.surrogate.console.SurrogateServer} (Jetty with
 * the REST API in front of a plugin host).
 */
package org.surrogate.console;
