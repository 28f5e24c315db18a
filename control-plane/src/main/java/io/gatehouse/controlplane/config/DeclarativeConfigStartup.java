package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Applies the declarative config file at start. An invalid file stops the service (fail closed):
 * data planes keep their last good snapshot rather than receive a half-understood policy.
 */
@ApplicationScoped
public class DeclarativeConfigStartup {

    private static final Logger LOG = Logger.getLogger(DeclarativeConfigStartup.class);

    private final ControlPlaneConfig config;
    private final DeclarativeConfigLoader loader;
    private final PolicyUpdateService policyUpdates;

    public DeclarativeConfigStartup(ControlPlaneConfig config, DeclarativeConfigLoader loader,
                                    PolicyUpdateService policyUpdates) {
        this.config = config;
        this.loader = loader;
        this.policyUpdates = policyUpdates;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.configFile().isEmpty()) {
            LOG.info("No declarative config file configured (gatehouse.control-plane.config-file); "
                    + "serving the policy model held in the database, which is empty on a new install");
            policyUpdates.publishCurrent();
            return;
        }
        Path file = config.configFile().get();
        PolicyModel model;
        try {
            model = loader.load(file);
        } catch (InvalidDeclarativeConfigException e) {
            LOG.error(e.getMessage());
            throw e;
        }
        policyUpdates.apply(model, file.toString());
    }
}
