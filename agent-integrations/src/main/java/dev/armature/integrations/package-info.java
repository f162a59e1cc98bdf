/**
 * Integrations for Armature: the webhook receiver and its verifiers, outbound webhooks, API gateway functions, clients for the services a coding agent works with, and the remote configuration source. Filled by the integrations issue; the module holds its place in the build until then.
 */
@NullMarked
package dev.armature.integrations;

import org.jspecify.annotations.NullMarked;
