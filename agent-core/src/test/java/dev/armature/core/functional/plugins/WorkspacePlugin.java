package dev.armature.core.functional.plugins;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plugin found through a real META-INF/services file: a component and a listener. */
public final class WorkspacePlugin implements Plugin {
    /** What every instance's listener saw, for tests to read. */
    public static final List<ComponentEvent.StateChanged> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return "workspace-plugin";
    }

    @Override
    public String supportedApiVersions() {
        return "[0.1,0.2)";
    }

    @Override
    public void contribute(PluginContext context) {
        context.addComponent(new Component() {
            @Override
            public ComponentDescriptor descriptor() {
                return ComponentDescriptor.of("plugin-workspace");
            }

            @Override
            public void start(ComponentContext ctx) {}

            @Override
            public void stop() {}
        });
        context.addListener(ComponentEvent.StateChanged.class, SubscribeOptions.defaults(), e -> SEEN.add(e.payload()));
    }
}
