/**
 * The entry point of Armature: {@link dev.armature.api.AgentSystem}, its builder, the {@link
 * dev.armature.api.Component} contract and the exceptions every module throws.
 */
@NullMarked
package dev.armature.api;

import org.jspecify.annotations.NullMarked;
