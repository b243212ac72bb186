package dev.z4j.adapter.http.support;

/** Where the brain is in its life; readiness answers 503 unless {@link #SERVING}. */
public enum BrainPhase { STARTING, SERVING, STOPPING }
