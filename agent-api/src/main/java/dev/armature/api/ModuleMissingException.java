package dev.armature.api;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by {@link AgentSystem#service(Class)} when no module on the class path provides the
 * requested service; the message names the Maven artifact to add.
 *
 * @since 0.1
 */
public final class ModuleMissingException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The stable code of this exception. */
    public static final String CODE = "armature.module.missing";

    /** The requested service type. */
    private final String serviceType;
    /** The artifact to add. */
    private final String artifact;

    /**
     * Creates the exception.
     *
     * @param serviceType the fully qualified name of the requested service interface
     * @param artifact the Maven coordinates {@code groupId:artifactId} of the module that provides
     *     it
     */
    public ModuleMissingException(String serviceType, String artifact) {
        super(
                CODE,
                "No module provides " + requireNonNull(serviceType, "serviceType") + ": add the dependency "
                        + requireNonNull(artifact, "artifact") + " (version managed by dev.armature:armature-bom)"
                        + " to the host's build; if it is there, its plugin was disabled by armature.plugins.<id>.enabled.");
        this.serviceType = serviceType;
        this.artifact = artifact;
    }

    /**
     * Returns the fully qualified name of the requested service interface.
     *
     * @return the service type's name
     */
    public String serviceType() {
        return serviceType;
    }

    /**
     * Returns the Maven coordinates, {@code groupId:artifactId}, of the module to add.
     *
     * @return the artifact
     */
    public String artifact() {
        return artifact;
    }
}
