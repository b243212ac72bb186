/**
 * Contract types shared by every feature's ports: {@link dev.z4j.ports.support.Refusal}, how an in-port says no.
 */
package dev.z4j.ports.support;
