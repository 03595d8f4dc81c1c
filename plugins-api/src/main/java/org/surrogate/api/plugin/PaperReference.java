package org.surrogate.api.plugin;

import java.util.Objects;

/**
 * The publication a plugin implements.
 *
 * @param citation a human citation, such as "Zhao et al., Toward Simulating Environments in
 *                 Reinforcement Learning Based Recommendations, AAAI 2020"
 * @param url      where to read it, or {@code null}
 */
public record PaperReference(String citation, String url) {

    /**
     * Checks the citation.
     *
     * @throws IllegalArgumentException if the citation is blank
     */
    public PaperReference {
        Objects.requireNonNull(citation, "citation");
        if (citation.isBlank()) {
            throw new IllegalArgumentException("paper citation must not be blank");
        }
    }
}
