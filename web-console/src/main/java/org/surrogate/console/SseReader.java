package org.surrogate.console;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events ({@code text/event-stream}, as in the HTML standard) from a stream: the
 * {@code event}, {@code data} (lines joined by newlines) and {@code id} fields of each event;
 * comment lines (heartbeats) only count as activity.
 */
final class SseReader implements Closeable {

    /**
     * One event.
     *
     * @param name its type ({@code message} when the stream named none)
     * @param id   its id, or null
     * @param data its data
     */
    record Event(String name, String id, String data) {
    }

    private final BufferedReader in;
    private final Runnable activity;

    /**
     * Reads a stream.
     *
     * @param in       the stream, UTF-8
     * @param activity called for every line read, comments included (a watchdog's heartbeat)
     */
    SseReader(InputStream in, Runnable activity) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.activity = activity;
    }

    /**
     * The next event.
     *
     * @return the event, or null when the stream ended
     * @throws IOException if reading fails (or the stream was closed by a watchdog)
     */
    Event next() throws IOException {
        String name = null;
        String id = null;
        StringBuilder data = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            activity.run();
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name == null ? "message" : name, id, data.toString());
                }
                name = null;
                id = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // retry and unknown fields
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
