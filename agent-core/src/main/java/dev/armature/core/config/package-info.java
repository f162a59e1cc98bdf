/**
 * Encrypted configuration values: {@link dev.armature.core.config.Keyrings} reads, generates and
 * writes the keyrings that hold AES-256 keys, and {@link dev.armature.core.config.ConfigEncryption}
 * seals values into {@code ENC(keyId:…)} and opens them into masked {@code Secret}s. Public so that
 * hosts, the {@code armature} command and other modules can use them directly; an {@code
 * AgentSystem}'s configuration decrypts values on read by itself.
 */
@NullMarked
package dev.armature.core.config;

import org.jspecify.annotations.NullMarked;
