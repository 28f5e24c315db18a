package io.gatehouse.approval.repository;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;

import java.sql.SQLException;

/** Tells whether a failure means the approval store could not be read or written. */
public final class StoreFailures {

    private StoreFailures() {
    }

    public static boolean isStoreFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException
                    || cause instanceof PersistenceException
                    || cause instanceof RollbackException
                    || cause instanceof SystemException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
