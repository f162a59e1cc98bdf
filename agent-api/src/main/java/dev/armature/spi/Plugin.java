package dev.armature.spi;

/**
 * An extension of Armature, found by {@link java.util.ServiceLoader} under {@code
 * META-INF/services/dev.armature.spi.Plugin} or added with {@code AgentSystem.Builder#plugin}.
 *
 * <p>At {@code build()}, each enabled plugin whose {@link #supportedApiVersions() range} includes
 * {@link dev.armature.api.ArmatureVersion#API} is asked, in {@link #order()} then id order, to
 * {@link #contribute} what it brings: components, event listeners and the instances of any area's
 * SPI. Implementations need a public no-argument constructor when they are discovered, and must not
 * start threads or do I/O before {@code contribute}.
 *
 * <pre>{@code
 * public final class AuditPlugin implements Plugin {
 *     public String id() { return "audit"; }
 *     public String supportedApiVersions() { return "[0.1,0.2)"; }
 *     public void contribute(PluginContext context) {
 *         context.addComponent(new AuditTrail());
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface Plugin {
    /**
     * Returns the plugin's id: unique among the plugins of a system, lowercase words joined by
     * {@code -} or {@code .}, for example {@code audit-trail}. Used to disable it and in every error
     * about it.
     *
     * @return the id
     */
    String id();

    /**
     * Returns the plugin's position among plugins: lower contributes first; ties are broken by id.
     *
     * @return the order; 0 by default
     */
    default int order() {
        return 0;
    }

    /**
     * Returns the API versions the plugin works with, in Maven range syntax: {@code [0.1,0.2)}
     * (0.1 inclusive to 0.2 exclusive), {@code [0.1,)} (0.1 or later), {@code [0.1]} (exactly 0.1),
     * or several ranges separated by commas. A bare version such as {@code 0.1} means exactly that
     * version.
     *
     * @return the supported range
     */
    String supportedApiVersions();

    /**
     * Contributes what the plugin brings. Called once per system, at {@code build()}, on the
     * building thread.
     *
     * @param context where contributions go
     * @throws Exception if the plugin cannot contribute; the build fails with the plugin's id
     */
    void contribute(PluginContext context) throws Exception;
}
