package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.experiments.ExperimentExpander;
import org.surrogate.framework.experiments.ExperimentSpec;
import org.surrogate.framework.experiments.ExperimentSpecs;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;

/**
 * The example specs in {@code examples/specs/} validate against the real built-in plugins (their
 * descriptors, not copies), expand to the documented number of trials, and the first trial of the
 * generator example runs to completion in the real container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleSpecsIT {

    private SurrogateServer server;
    private Path specs;

    @BeforeAll
    void start() throws Exception {
        specs = Path.of(System.getProperty("surrogate.examples", "../examples")).resolve("specs")
                .toAbsolutePath().normalize();
        Path dist = Path.of(System.getProperty("surrogate.dist", "target/surrogate")).toAbsolutePath();
        server = SurrogateServer.start("127.0.0.1", 0, new HostConfig(Files.createTempDirectory("specs-it"),
                dist.resolve("system-bundles"), dist.resolve("bundles"), false));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private List<TrialRequest> expand(String file) throws Exception {
        ExperimentSpec spec = ExperimentSpecs.parse(Files.readString(specs.resolve(file)), file);
        return ExperimentExpander.expand(spec, server.host().plugins());
    }

    @Test
    void everyExampleValidatesAgainstTheBuiltInPlugins() throws Exception {
        try (Stream<Path> files = Files.list(specs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                expand(f.getFileName().toString()); // throws InvalidParamsException listing every problem
            }
        }
        assertEquals(9, expand("ml100k-baselines.yaml").size());
        assertEquals(3, expand("known-preference-grid.yaml").size());
    }

    @Test
    void aTrialOfTheGeneratorExampleRuns() throws Exception {
        TrialRequest first = expand("known-preference-grid.yaml").get(0);
        TrialResult r = server.host().trials().start(first).await(Duration.ofMinutes(5));
        assertEquals(TrialStatus.SUCCEEDED, r.status(), r.message());
        assertEquals(first.slots().get("recommenders").size(),
                r.results().keySet().stream().filter(k -> k.endsWith("/ndcg@10") && !k.contains("/fold")).count());
    }
}
