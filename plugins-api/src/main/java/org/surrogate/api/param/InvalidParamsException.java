package org.surrogate.api.param;

import java.util.List;

/**
 * Thrown when parameter values break their schema. It carries every problem found, not just the
 * first, each naming the path of the value, the value and what is accepted, for example
 * {@code "slots.recommenders[1].params.factors: expected an integer in [1, 10000], found -3"}.
 */
public final class InvalidParamsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems every problem found, at least one
     */
    public InvalidParamsException(List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidParamsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, in schema order.
     *
     * @return the problems
     */
    public List<String> problems() {
        return problems;
    }
}
