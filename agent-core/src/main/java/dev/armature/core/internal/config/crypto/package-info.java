/**
 * Internal: encrypted configuration values ({@code ENC(keyId:…)}, AES-256-GCM) and the keyrings
 * that agent-core reads from a file or an environment variable, with their text format. Not API;
 * hosts use {@code dev.armature.core.config.Keyrings}, {@code dev.armature.core.config.ConfigEncryption}
 * and {@code dev.armature.api.config.Keyring}.
 */
@NullMarked
package dev.armature.core.internal.config.crypto;

import org.jspecify.annotations.NullMarked;
