package dev.armature.samples.host;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample's own plugin, found by ServiceLoader through this module's
 * META-INF/services/dev.armature.spi.Plugin: the host never names it. It contributes an optional
 * "restart-audit" component and a listener that logs every restart and escalation, with a summary
 * when the component stops.
 */
public final class RestartAuditPlugin implements Plugin {
    static final String ID = "restart-audit";
    private static final Logger log = LoggerFactory.getLogger(RestartAuditPlugin.class);

    /** Called by ServiceLoader. */
    public RestartAuditPlugin() {}

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
        AtomicLong restarts = new AtomicLong();
        AtomicLong escalations = new AtomicLong();
        context.addListener(ComponentEvent.class, SubscribeOptions.defaults(), e -> {
            if (e.payload() instanceof ComponentEvent.RestartScheduled r) {
                restarts.incrementAndGet();
                log.atWarn()
                        .addKeyValue("component", r.component())
                        .addKeyValue("attempt", r.attempt())
                        .addKeyValue("delay", r.delay())
                        .log("restart audited");
            } else if (e.payload() instanceof ComponentEvent.Escalated x) {
                escalations.incrementAndGet();
                log.atError()
                        .addKeyValue("component", x.component())
                        .addKeyValue("restarts", x.restarts())
                        .log("escalation audited");
            }
        });
        context.addComponent(new Component() {
            @Override
            public ComponentDescriptor descriptor() {
                return ComponentDescriptor.builder(ID).optional(true).build();
            }

            @Override
            public void start(ComponentContext ctx) {}

            @Override
            public void stop() {
                log.atInfo()
                        .addKeyValue("restarts", restarts.get())
                        .addKeyValue("escalations", escalations.get())
                        .log("restart audit summary");
            }
        });
    }
}
