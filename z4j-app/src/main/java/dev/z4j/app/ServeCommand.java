package dev.z4j.app;

import dev.z4j.app.system.AllowedHosts;
import dev.z4j.app.system.ConfigException;
import dev.z4j.app.system.Home;
import dev.z4j.app.system.LoggingSetup;
import dev.z4j.app.system.SecretEnv;
import dev.z4j.app.system.SetupBanner;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.ports.system.BackupFailedException;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.MigrationFailedException;
import dev.z4j.ports.system.Migrations;
import dev.z4j.shell.support.CommandFailure;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code z4j serve}: first boot, then run until SIGTERM or SIGINT, then stop gracefully and exit 0. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the brain. On an empty home: create it, mint secrets, create and migrate the database, "
                + "and print the setup URL.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    private final Map<String, String> environment;
    private final Home home;
    private final PrintStream err;

    ServeCommand(Map<String, String> environment, Home home, PrintStream err) {
        this.environment = environment;
        this.home = home;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        Z4jBrain brain;
        boolean minted;
        try {
            home.ensureWritable();
            minted = SecretEnv.mintIfMissing(home, environment);
            brain = Z4jBrain.builder().home(home.dir()).environment(environment).build();
        } catch (ConfigException e) {
            throw new CommandFailure(2, e.getMessage());
        }
        Z4jConfig config = brain.config();
        LoggingSetup.configure(config.logFormat(), true);
        if (minted) {
            LOG.info("minted Z4J_SECRET and Z4J_METRICS_AUTH_TOKEN into {} (mode 0600); back this file up off the host",
                    home.secretEnv());
        }
        if (!config.production() && !AllowedHosts.isLoopback(config.bindHost())) {
            throw new CommandFailure(2, "refusing to listen on " + config.bindHost() + " in dev mode; set "
                    + "Z4J_BIND_HOST=127.0.0.1, or run in production mode (Z4J_ENVIRONMENT=production with an https "
                    + "Z4J_PUBLIC_URL and Z4J_ALLOWED_HOSTS)");
        }
        // A crash in any thread is one log line (stack trace folded), so `journalctl -u z4j -n 100` shows its reason.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.error("uncaught failure in thread {}: {}",
                thread.getName(), e.toString(), e));
        CountDownLatch stop = new CountDownLatch(1);
        SignalTraps.onTermination(stop::countDown);
        try {
            brain.start();
        } catch (ConfigException | Z4jBrain.PortInUseException | DatabaseUnavailableException e) {
            throw new CommandFailure(2, e.getMessage());
        } catch (MigrationFailedException e) {
            throw new CommandFailure(2, e.getMessage() + "; the database is unchanged (pending migrations run in one "
                    + "transaction). Fix the cause and start again, or start with Z4J_AUTO_MIGRATE=false and inspect "
                    + "with `z4j migrate history` and `z4j migrate current`");
        } catch (Migrations.BackupRequiredException | BackupFailedException e) {
            throw new CommandFailure(2, "not migrating without a backup: " + e.getMessage());
        }
        brain.setupInvitation().ifPresent(invite -> SetupBanner.print(err, invite.url(), invite.expiresAt()));
        stop.await();
        LOG.info("stopping: closing connections and committing in-flight work");
        brain.close();
        LOG.info("stopped");
        return 0;
    }
}
