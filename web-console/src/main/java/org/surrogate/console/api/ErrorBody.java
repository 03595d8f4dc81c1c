package org.surrogate.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The JSON body of every error response.
 *
 * @param error    what went wrong and, where possible, how to fix it
 * @param problems every problem of an invalid request, each with its path (such as
 *                 {@code "slots.recommenders[0].params.k: expected an integer in [1, 1000], found 0"});
 *                 null (left out of the JSON) for other errors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, List<String> problems) {

    /** Checks the message and copies the problems. */
    public ErrorBody {
        Objects.requireNonNull(error, "error");
        problems = problems == null ? null : List.copyOf(problems);
    }

    /**
     * An error without a list of problems.
     *
     * @param error the message
     * @return the body
     */
    public static ErrorBody of(String error) {
        return new ErrorBody(error, null);
    }
}
