/**
 * Services implementing the in-ports of {@code dev.z4j.ports}, one sub-package per feature. Pure Java: the JDK only
 * (logging through {@link java.lang.System.Logger}). Feature packages do not use each other; they meet through ports.
 * {@code support} holds small shared helpers (keyed hashes, random tokens).
 */
package dev.z4j.domain;
