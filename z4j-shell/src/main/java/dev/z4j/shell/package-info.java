/**
 * The operator commands ({@code z4j check}, {@code z4j status}, ...) on Picocli, and later the JLine shell that runs
 * the same commands. Commands reach the brain only through in-ports handed over by {@link
 * dev.z4j.shell.support.OperatorContext}, which the composition root implements against the database directly, so
 * they work while the brain is down.
 */
package dev.z4j.shell;
