package io.gatehouse.controlplane.service;

import java.util.Optional;

/**
 * What the caller expects of the object they change.
 *
 * @param ifMatch        the ETag the caller read ({@code If-Match}), if any
 * @param ifNoneMatchAny {@code If-None-Match: *}: only create, the object must not exist (else 412)
 * @param createOnly     a create (POST): the object must not exist (else 409)
 * @param required       an existing object may only be changed with {@code ifMatch} (else 428)
 */
public record Precondition(Optional<String> ifMatch, boolean ifNoneMatchAny, boolean createOnly, boolean required) {

    public static Precondition create() {
        return new Precondition(Optional.empty(), false, true, false);
    }

    /** A replace (PUT): creates when absent; If-Match required once the object exists. */
    public static Precondition replace(String ifMatch, String ifNoneMatch) {
        return new Precondition(present(ifMatch), "*".equals(ifNoneMatch == null ? null : ifNoneMatch.trim()), false, true);
    }

    /** A change whose result does not depend on what the caller read (delete, status); If-Match checked when sent. */
    public static Precondition optional(String ifMatch) {
        return new Precondition(present(ifMatch), false, false, false);
    }

    void check(String what, String key, Optional<String> currentTag) {
        if (currentTag.isEmpty()) {
            if (ifMatch.isPresent()) {
                throw new PreconditionFailedException(what + " '" + key + "' does not exist (any more)");
            }
            return;
        }
        if (createOnly) {
            throw new PolicyConflictException(what + " '" + key + "' already exists; change it with PUT and If-Match");
        }
        if (ifNoneMatchAny) {
            throw new PreconditionFailedException(what + " '" + key + "' already exists (If-None-Match: *)");
        }
        if (ifMatch.isEmpty()) {
            if (required) {
                throw new PreconditionRequiredException(what, key);
            }
            return;
        }
        if (!ifMatch.get().equals("*") && !ifMatch.get().equals(currentTag.get())) {
            throw new PreconditionFailedException(what + " '" + key + "' has changed since it was read (ETag "
                    + currentTag.get() + ", If-Match " + ifMatch.get() + "): read it again and redo the change");
        }
    }

    private static Optional<String> present(String header) {
        return Optional.ofNullable(header).map(String::trim).filter(value -> !value.isEmpty());
    }
}
