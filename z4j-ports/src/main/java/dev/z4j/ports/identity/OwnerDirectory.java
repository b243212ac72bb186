package dev.z4j.ports.identity;

/** Out-port: does the installation have an administrator yet. */
public interface OwnerDirectory {

    boolean activeOwnerExists();
}
