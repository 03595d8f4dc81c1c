package org.surrogate.console.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one Jackson configuration of the API: instants as ISO-8601 text, unknown fields and fractional
 * numbers where whole ones are expected refused (a typo in a request is an error, not a silent
 * default).
 */
@Provider
public final class JsonMapperProvider implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper = newMapper();

    /**
     * Makes a mapper configured as the API's.
     *
     * @return a new mapper
     */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
