package io.gatehouse.controlplane.service;

import java.sql.SQLException;
import java.time.Duration;

/** For tests: makes the usage evidence count every call stored so far before they read it. */
public final class UsageRollups {

    private UsageRollups() {
    }

    /**
     * Runs the rollup; when the scheduled run holds its lock, waits for it and runs again, so that calls stored
     * before this call are counted when it returns.
     */
    public static void countEverythingStored(UsageRollup rollup) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (rollup.catchUp() < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the usage rollup stayed locked for 30 s");
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the usage rollup failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the usage rollup", e);
        }
    }
}
