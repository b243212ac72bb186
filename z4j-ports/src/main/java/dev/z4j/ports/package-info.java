/**
 * The hexagon's edge. One sub-package per feature ({@code audit}, {@code identity}, {@code projects}, {@code agents},
 * {@code ingest}, {@code commands}, {@code schedules}, {@code system}); each holds the feature's model records, its
 * in-ports (what a caller wants, implemented by {@code dev.z4j.domain}) and its out-ports (what the core needs,
 * implemented by adapters). Only the JDK is allowed here.
 */
package dev.z4j.ports;
