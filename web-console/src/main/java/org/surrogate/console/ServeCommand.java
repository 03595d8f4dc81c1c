package org.surrogate.console;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.concurrent.Callable;
import org.surrogate.console.security.Security;
import org.surrogate.framework.HostConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code surrogate serve}: starts the plugin host and the REST API, prints one ready line, and runs
 * until the process is stopped (SIGTERM, Ctrl-C).
 */
@Command(name = "serve",
        description = {"Starts the Surrogate server: the plugin host (with the built-in plugins) and the REST API"
            + " under /api/v1. Prints 'Surrogate ready on URL (N plugins)' when it answers; stop it with Ctrl-C.",
            "",
            "Every request but GET /api/v1/health needs authentication (an API token, or a browser login)."
                + " The first start creates the user 'admin' with a random password in"
                + " DIR/secrets/initial-admin-password and an admin API token in DIR/secrets/cli-token, which the"
                + " client commands on this machine use (readable only by the user who runs the server)."
                + " It listens on 127.0.0.1 unless --host says otherwise; put it behind HTTPS before exposing it."})
final class ServeCommand implements Callable<Integer> {

    /** The system property naming the distribution folder (set by the launcher script). */
    static final String HOME_PROPERTY = "surrogate.home";

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    private String bindHost;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
            description = "The data folder: installed bundles, hot-deploy folder (DIR/plugins), runs, users"
                    + " (DIR/users.json), secrets (DIR/secrets), audit log (DIR/audit.log)"
                    + " (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--home", paramLabel = "DIR",
            description = "The distribution folder holding lib/, system-bundles/ and bundles/ (default: the"
                    + " -Dsurrogate.home system property, else the folder above the running jar's lib/).")
    private Path home;

    @Option(names = "--no-demo",
            description = "On an empty data folder, do not queue the demo experiment (ranking fidelity of five"
                    + " recommenders between known-preference data and its fitted twin, 3 seeds, well under two"
                    + " minutes on 2 cores).")
    private boolean noDemo;

    @Override
    public Integer call() throws Exception {
        Path dist = resolveHome(home);
        Path systemBundles = dist.resolve("system-bundles");
        if (!Files.isDirectory(systemBundles)) {
            throw new IllegalStateException(dist + " is not a Surrogate distribution: it has no system-bundles/"
                    + " folder; build one with 'mvn install' (it appears in web-console/target/surrogate) or pass"
                    + " --home DIR");
        }
        Path builtins = dist.resolve("bundles");
        if (!Files.isDirectory(builtins)) {
            spec.commandLine().getErr().println("warning: " + builtins + " does not exist: starting without the"
                    + " built-in plugins");
            builtins = null;
        }
        HostConfig config = new HostConfig(data.toAbsolutePath().normalize(), systemBundles, builtins, true);
        boolean fresh = DemoCommand.isFresh(config.dataDir());
        SurrogateServer server = SurrogateServer.start(bindHost, port, config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "surrogate-shutdown"));
        // Stdout carries only the ready line (scripts wait for it); the first-start notice goes to stderr.
        server.security().initialAdminPasswordFile().ifPresent(f -> {
            PrintWriter err = spec.commandLine().getErr();
            err.println("First start: created user 'admin'; its password is in " + f + " (log in and change it;"
                    + " readable only by you), and the CLI on this machine uses the admin API token in "
                    + f.resolveSibling(Security.CLI_TOKEN));
            err.flush();
        });
        if (fresh && !noDemo) {
            DemoCommand.queue(server.host(), spec.commandLine().getErr());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Surrogate ready on " + server.url() + " (" + server.host().plugins().list().size()
                + " plugins)");
        out.flush();
        server.join();
        return 0;
    }

    /**
     * Finds the distribution folder: the option, else the {@value #HOME_PROPERTY} system property,
     * else the parent of the {@code lib/} folder holding the running jar.
     *
     * @param option the {@code --home} option, or null
     * @return the folder
     * @throws IllegalStateException if none is given and the code does not run from a distribution
     */
    static Path resolveHome(Path option) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        CodeSource source = ServeCommand.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where Surrogate is installed: pass --home DIR");
        }
        Path code;
        try {
            code = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where Surrogate is installed (" + source.getLocation()
                    + "): pass --home DIR", e);
        }
        Path lib = code.getParent();
        if (Files.isRegularFile(code) && lib != null && lib.getFileName() != null
                && "lib".equals(lib.getFileName().toString()) && lib.getParent() != null) {
            return lib.getParent();
        }
        throw new IllegalStateException("cannot tell where Surrogate is installed: the code runs from " + code
                + ", not from a jar in a distribution's lib/ folder; pass --home DIR or -D" + HOME_PROPERTY
                + "=DIR (the folder holding system-bundles/ and bundles/, such as web-console/target/surrogate)");
    }
}
