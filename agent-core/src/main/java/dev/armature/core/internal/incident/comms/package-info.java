/**
 * Internal: incident communications. Renders {@link dev.armature.api.incident.CommunicationTemplate}s
 * (logic-less Mustache through jmustache) with the incident's own fields and the caller's, refusing a
 * missing required field, an unknown field or an internal detail bound for a status page with a
 * {@link dev.armature.api.incident.TemplateException}; reads the templates and the reminder cadence
 * from {@code armature.incidents.communication}. Pure: no clock, no scheduler, no bus; the incident
 * manager calls it.
 */
@NullMarked
package dev.armature.core.internal.incident.comms;

import org.jspecify.annotations.NullMarked;
