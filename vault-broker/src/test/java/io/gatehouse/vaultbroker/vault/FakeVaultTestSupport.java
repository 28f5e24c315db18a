package io.gatehouse.vaultbroker.vault;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

final class FakeVaultTestSupport {

    private FakeVaultTestSupport() {
    }

    static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
