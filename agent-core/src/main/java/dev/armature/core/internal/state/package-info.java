/**
 * Internal: the embedded durable state behind {@code dev.armature.core.state.EmbeddedStorage} — the
 * locked {@link dev.armature.core.internal.state.DataDirectory}, the one-file-per-key {@link
 * dev.armature.core.internal.state.FileStateStore} and the group-committed {@link
 * dev.armature.core.internal.state.FileJournal}, with their file formats. Not API; hosts use
 * {@code dev.armature.api.state}.
 */
@NullMarked
package dev.armature.core.internal.state;

import org.jspecify.annotations.NullMarked;
