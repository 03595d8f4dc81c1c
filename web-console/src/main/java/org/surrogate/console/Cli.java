package org.surrogate.console;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import org.surrogate.repository.RunRepository;

/** What the repository commands share. */
final class Cli {

    /** Reads and writes run records and API answers. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Cli() {
    }

    /**
     * Opens the repository of a data folder in this process.
     *
     * @param data the data folder
     * @return the repository
     * @throws IllegalStateException if a server holds it, saying to use --server
     */
    static RunRepository open(Path data) {
        try {
            return RunRepository.open(data.toAbsolutePath().normalize());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; or ask that server with --server URL", e);
        }
    }
}
