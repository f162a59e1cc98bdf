package dev.armature.core.internal.incident;

import dev.armature.api.incident.Incidents;
import dev.armature.core.internal.incident.comms.CommunicationSchema;
import dev.armature.core.internal.incident.escalation.EscalationSchema;
import dev.armature.core.runbook.RunbooksExtension;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import java.util.List;

/**
 * Internal: contributes incident management, the component {@value IncidentManager#NAME} and the
 * {@link Incidents} service. Found by ServiceLoader; disabled with {@code
 * armature.plugins.armature-incidents.enabled=false}.
 */
public final class IncidentsPlugin implements Plugin {
    /** The plugin's id. */
    public static final String ID = "armature-incidents";

    /** Creates the plugin; ServiceLoader calls this. */
    public IncidentsPlugin() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String supportedApiVersions() {
        return "[0.1,0.2)";
    }

    @Override
    public void contribute(PluginContext context) {
        IncidentManager manager = new IncidentManager(context.extension(RunbooksExtension.class)
                .map(RunbooksExtension::runbooks)
                .orElse(List.of()));
        context.addConfigSchema(IncidentSettings.schema(ID));
        context.addConfigSchema(EscalationSchema.schema(ID));
        context.addConfigSchema(CommunicationSchema.schema(ID));
        context.addComponent(manager);
        context.addService(Incidents.class, manager);
    }
}
