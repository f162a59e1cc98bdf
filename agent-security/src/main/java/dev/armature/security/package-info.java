/**
 * Security for Armature: zero-trust access decisions, the tool-call gate, risk and anomaly detection, MFA and device trust, key management, the tamper-evident audit log and licensing. Filled by the security issues; the module holds its place in the build until then.
 */
@NullMarked
package dev.armature.security;

import org.jspecify.annotations.NullMarked;
