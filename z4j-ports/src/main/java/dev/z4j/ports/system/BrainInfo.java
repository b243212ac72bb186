package dev.z4j.ports.system;

/** What this brain is: the build version and the configured environment ({@code dev} or {@code production}). */
public record BrainInfo(String version, String environment) {
}
