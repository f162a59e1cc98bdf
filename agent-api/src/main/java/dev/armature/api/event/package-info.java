/**
 * Events: the {@link dev.armature.api.event.EventEnvelope envelope} every event travels in, the
 * open {@link dev.armature.api.event.Event} root that each area's sealed hierarchy extends, the
 * {@link dev.armature.api.event.EventBus} and the component lifecycle events.
 */
@NullMarked
package dev.armature.api.event;

import org.jspecify.annotations.NullMarked;
