package dev.armature.spi;

/**
 * A value that a module defines and a host passes to {@code AgentSystem.Builder#extension}, so that
 * the builder, which can name JDK types only, can carry third-party ones such as a Micrometer
 * registry. A system holds at most one extension of each class.
 *
 * <pre>{@code
 * AgentSystem.builder().extension(MicrometerExtension.registry(registry)).build();
 * }</pre>
 *
 * @since 0.1
 */
public interface SystemExtension {}
